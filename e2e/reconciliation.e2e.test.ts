import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shopifyOrdersForDay, type DayManifest } from '@paybridge/sandbox';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
/** A past business day, far from any other test's data. */
const DATE = '2026-02-17';
const MONTH = DATE.slice(0, 7);

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** An API call in the signed-in browser session, as the editor makes it. */
async function api(method: 'GET' | 'POST', path: string, data?: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

/**
 * The shipped template, installed and live on the simulator connections the sandbox start
 * made (built-in ledger, no mail server), reading deposits from the statements of account
 * `default`; the page's "Reconcile a date range" starts it for a range.
 */
async function installTemplate(): Promise<{ id: string; name: string }> {
  const { connections } = (await api('GET', '/api/connections')) as {
    connections: { id: string; type: string; name: string }[];
  };
  const idOf = (name: string) => {
    const found = connections.find((c) => c.name === name);
    if (!found) throw new Error(`no ${name} connection`);
    return found.id;
  };
  const installed = await api('POST', '/api/templates/settlement-reconciliation/install', {
    connections: {
      paytrace: idOf('PayTrace simulator'),
      shopify: idOf('Shopify simulator'),
      erp: null,
      smtp: null,
    },
    parameters: { timeZone: 'UTC', bankAccount: 'default' },
    activate: true,
  });
  return installed.flows[0];
}

/** Waits for the flow's latest run to end; a failed one fails the test with the step's error. */
async function flowRunEnds(flowId: string, timeout = 60_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const { runs } = await api('GET', `/api/runs?flowId=${flowId}&limit=1`);
    const run = runs[0];
    if (run?.status === 'succeeded') return;
    if (run && ['failed', 'dead-lettered', 'cancelled'].includes(run.status)) {
      const detail = await api('GET', `/api/runs/${run.id}`);
      throw new Error(
        `the reconciliation run ${run.status}: ${JSON.stringify(detail.error ?? detail)}`,
      );
    }
    if (Date.now() > until) throw new Error(`the reconciliation run is still ${run?.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe.skipIf(!hasChromium)('settlement reconciliation page, end to end in Chromium', () => {
  let manifest: DayManifest;
  let flow: { id: string; name: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    // A small generated day: PayTrace settles it, Shopify has its orders, the bank receives
    // less than the batch's net minus fees, and the ERP has nothing booked yet, so every
    // settled sale is a variance waiting for a person.
    manifest = await api('POST', '/sandbox/paytrace/__admin/generate-day', {
      date: DATE,
      orders: 8,
      refundRate: 0,
      voidRate: 0,
      declineRate: 0,
      seed: 16,
      discrepancies: { shortDeposit: 1 },
    });
    await api('POST', '/sandbox/shopify/__admin/orders/bulk', shopifyOrdersForDay(manifest));
    flow = await installTemplate();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reconciles the day from the page with a progress bar, drills into a variance and resolves it with a note', async () => {
    const sales = manifest.transactions.filter((t) => t.type === 'sale' && t.batchNumber !== null);
    expect(sales.length).toBeGreaterThan(0);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
    await page.goto(`${base}/reconciliation/${DATE}?month=${MONTH}`);
    await page.getByTestId('recon-day-empty').waitFor();

    // The bank's side: the simulator's camt.053 statement of its deposits, uploaded as a file.
    const statement = await page.request.get(
      `${base}/sandbox/paytrace/__admin/bank-statement?from=${DATE}&to=2026-02-21&format=camt053`,
    );
    expect(statement.ok()).toBe(true);
    await page.getByRole('button', { name: 'Upload bank statement' }).click();
    const upload = page.getByTestId('statement-dialog');
    await upload.getByLabel('Statement file').setInputFiles({
      name: 'camt053-2026-02.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(await statement.body()),
    });
    await expect(upload.getByLabel('Format').inputValue()).resolves.toBe('camt053');
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect(upload.getByTestId('statement-result').textContent()).resolves.toMatch(
      /^Imported 1 line/,
    );
    await upload
      .getByTestId('imported-statements')
      .getByText(/camt053-2026-02\.xml/)
      .waitFor();
    await upload.getByRole('button', { name: 'Close' }).last().click();

    // Reconcile the day: the dialog, then the progress bar until it is done.
    await page.getByRole('button', { name: 'Reconcile a date range' }).click();
    const dialog = page.getByTestId('reconcile-range-dialog');
    await dialog.getByLabel('Flow', { exact: true }).selectOption(flow.id);
    await dialog.getByLabel('From', { exact: true }).fill(DATE);
    await dialog.getByLabel('To', { exact: true }).fill(DATE);
    await dialog.getByRole('button', { name: 'Reconcile' }).click();
    await page.getByTestId('recon-progress').waitFor();
    await flowRunEnds(flow.id);
    await page.getByTestId('recon-run-done').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('recon-percent').textContent()).resolves.toBe('100%');

    // The day: its calendar cell counts the open items, the totals show PayTrace's figures.
    const net = manifest.batches.reduce((s, b) => s + b.net, 0);
    const netText = (net / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    await expect
      .poll(() => page.getByTestId(`day-${DATE}`).textContent())
      .toMatch(/\d+ open items?/);
    const totals = page.getByTestId('recon-totals');
    await expect.poll(() => totals.getByTestId('totals-day').textContent()).toContain(netText);
    // The short deposit is found against the uploaded statement.
    const deposit = manifest.deposits[0]!;
    expect(deposit.status).toBe('short');
    const depositText = (deposit.amount! / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    });
    await expect(
      totals.getByTestId(`totals-batch-${deposit.batchNumber}`).textContent(),
    ).resolves.toContain(depositText);
    await page.getByTestId('recon-items').locator('tr[data-kind="deposit_short"]').waitFor();

    // Drill into one variance: a settled sale the ERP has not booked.
    const sale = sales[0]!;
    const row = page
      .getByTestId('recon-items')
      .locator('tr[data-kind="not_booked"]', { hasText: sale.transactionId });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('In PayTrace, not booked');
    const runLink = await row.getByRole('link', { name: 'Open run' }).getAttribute('href');
    expect(runLink).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.setViewportSize({ width: 1280, height: 1280 });
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'reconciliation.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByRole('button', { name: 'Mark resolved' }).click();
    const resolve = page.getByTestId('resolve-item-dialog');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await resolve.getByText('Say how it was resolved').waitFor();
    await resolve.getByLabel('Note').fill('Booked by hand in the ERP, ref 4471');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await resolve.waitFor({ state: 'detached' });
    await expect.poll(() => row.count()).toBe(0); // gone from the open items

    // Booking the missing payment needs its invoice in the ERP; this day has none, and the
    // page says so instead of failing silently, leaving the item open.
    const other = sales[1]!;
    const otherRow = page
      .getByTestId('recon-items')
      .locator('tr[data-kind="not_booked"]', { hasText: other.transactionId });
    await otherRow.getByRole('button', { name: 'Create the missing ERP document' }).click();
    const toast = page.getByTestId('toast-error').last();
    await expect(toast.textContent()).resolves.toMatch(
      /^Could not create the document: .*invoice/i,
    );
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(otherRow.count()).resolves.toBe(1);

    await page.getByLabel('Show', { exact: true }).selectOption('resolved');
    const resolved = page.getByTestId('recon-items').locator('tr', { hasText: sale.transactionId });
    await expect(resolved.getByTestId('item-resolved').textContent()).resolves.toContain(
      'Booked by hand in the ERP, ref 4471',
    );

    // The CSV export carries the item and its note; the PDF export is a PDF.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`reconciliation-${DATE}.csv`);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain(sale.transactionId);
    expect(text).toContain('Booked by hand in the ERP, ref 4471');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`reconciliation-${DATE}.pdf`);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(errors).toEqual([]);
  });
});
