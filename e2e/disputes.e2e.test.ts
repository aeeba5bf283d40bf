import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';
import { sandboxPaytrace } from './support/sandbox-paytrace';

const base = inject('baseUrl').replace(/\/$/, '');
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const CASE = `CB-E2E-${Date.now()}`;
const DAY = 86_400_000;
/** A date `days` from today in the books' time zone (UTC by default). */
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** An API call in the signed-in admin's browser session, as the editor makes it. */
async function api(method: string, path: string, data?: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
    headers: { 'x-csrf-token': csrf },
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

const paytrace = (path: string, body: Record<string, unknown>) => sandboxPaytrace(base, path, body);

/** Polls until `read` answers something. */
async function waitFor<T>(read: () => Promise<T | undefined>, what: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) {
      const { runs } = await api('GET', '/api/runs?limit=5');
      const seen = await Promise.all(
        runs.map(async (r: any) => {
          const run = await api('GET', `/api/runs/${r.id}`);
          const failed = run.steps?.find((st: any) => st.status === 'failed');
          return `${r.status} at ${failed?.nodeId}: ${JSON.stringify(failed?.error ?? r.error ?? null)} input ${JSON.stringify(failed?.input)}`;
        }),
      );
      throw new Error(`timed out waiting for ${what}; latest runs: ${seen.join('; ')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The text of a PDF's pages, as a reader would copy it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join('\n'));
  }
  return pages.join('\n');
}

describe.skipIf(!hasChromium)('disputes page, end to end in Chromium', () => {
  let orderName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    // The Chargebacks template on the sandbox's simulator connections, taking PayTrace's signed
    // notifications; the PayTrace simulator sends them to the runtime.
    const { connections } = (await api('GET', '/api/connections')) as { connections: any[] };
    const signing = await api('POST', '/api/connections', {
      type: 'webhook.standard',
      name: `Chargeback notifications ${Date.now()}`,
      values: { secrets: [SECRET] },
    });
    await api('POST', '/api/templates/chargeback/install', {
      connections: {
        shopify: connections.find((c) => c.type === 'shopify').id,
        paytrace: connections.find((c) => c.type === 'paytrace').id,
        signing: signing.id,
      },
      parameters: { teamEmail: '' },
      activate: true,
    });
    await api('PATCH', '/sandbox/paytrace/__admin/settings', {
      chargebackNotificationUrl: `${base}/hooks/chargebacks/paytrace`,
      chargebackNotificationSecret: SECRET,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a chargeback from the processor with its deadline, opens it and downloads its evidence packet PDF', async () => {
    // A shopper's order in the store, paid by card at PayTrace.
    const address = {
      first_name: 'Grace',
      last_name: 'Hopper',
      address1: '12 Harbour Road',
      city: 'Portland',
      province: 'Oregon',
      zip: '97201',
      country: 'United States',
    };
    const customer = await api('POST', '/sandbox/shopify/__admin/customers', {
      first_name: 'Grace',
      last_name: 'Hopper',
      email: `grace.${Date.now()}@example.com`,
    });
    const order = await api('POST', '/sandbox/shopify/__admin/orders', {
      customer_id: customer.customer.id,
      gateway: 'PayTrace',
      billing_address: address,
      shipping_address: address,
      line_items: [{ title: 'Oolong tea', price: '68.87', quantity: 1, sku: 'TEA-1' }],
    });
    orderName = order.order.name as string;
    const sale = await paytrace('/v1/transactions/sale/keyed', {
      amount: 68.87,
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2030' },
      csc: '999',
      billing_address: { name: 'Grace Hopper', street_address: '12 Harbour Road', zip: '97201' },
      description: `Shopify order ${orderName}`,
    });
    expect(sale.response_code, JSON.stringify(sale)).toBe(101);

    // The processor opens a chargeback on it: a signed notification reaches the runtime.
    const opened = await api('POST', '/sandbox/paytrace/__admin/chargebacks', {
      transaction_id: sale.transaction_id,
      case_number: CASE,
      reason_code: '13.1',
      reason_description: 'Merchandise / Services Not Received',
      reply_by_date: dateIn(5),
    });
    // The notification was accepted (written before it was acknowledged).
    expect(opened.delivery?.status, JSON.stringify(opened.delivery)).toBe(202);
    await waitFor(async () => {
      const { cases } = await api('GET', `/api/disputes?q=${encodeURIComponent(CASE)}`);
      return cases[0]?.hasPacket ? cases[0] : undefined;
    }, `case ${CASE} with its evidence packet`);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Disputes' })
      .click();
    await page.getByRole('heading', { name: 'Disputes' }).waitFor();
    const row = page.getByTestId(`case-${CASE}`);
    await expect(row.getByTestId('deadline-note').textContent()).resolves.toBe('5 days left');
    const text = (await row.textContent())!;
    expect(text).toContain(dateIn(5));
    expect(text).toContain('68.87 USD');
    expect(text).toContain('(13.1)');
    expect(text).toContain('Processor notice');
    await row.getByRole('link', { name: orderName }).waitFor();
    await page.getByTestId('ratio-chart').waitFor();
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'disputes.png') });

    // The case: its facts, timeline and the evidence packet.
    await row.getByRole('link', { name: CASE }).click();
    await page.getByRole('heading', { name: `Case ${CASE}` }).waitFor();
    await expect(page.getByTestId('case-facts').textContent()).resolves.toContain('5 days left');
    await page.getByTestId('case-timeline').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download packet PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`chargeback-${CASE}.pdf`);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const pdf = await pdfText(bytes);
    expect(pdf).toContain(orderName);
    expect(pdf).not.toContain('4012000098765439');
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'dispute-case.png') });
    expect(errors).toEqual([]);
  }, 150_000);

  it('imports the chargeback report and shows the line it could not read', async () => {
    const report = await page.request
      .get(`${base}/sandbox/paytrace/__admin/chargebacks/report.csv`)
      .then((r) => r.text());
    const [header, ...rows] = report.trim().split(/\r?\n/);
    const ours = rows.filter((r) => r.startsWith(`${CASE},`));
    expect(ours).toHaveLength(1);
    // Line 3 has no amount a person could mean.
    const bad = `${CASE}-BAD,Chargeback,Open,12/01/2026,12/20/2026,1,INV-1,Visa,1111,twelve dollars,10.4,Fraud`;
    const csv = [header, ours[0], bad].join('\r\n');

    await page.goto(`${base}/disputes`);
    await page.getByRole('heading', { name: 'Disputes' }).waitFor();
    await page.getByLabel('Chargeback report file').setInputFiles({
      name: 'chargebacks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const result = page.getByTestId('import-result');
    await expect(result.locator('p').textContent()).resolves.toBe(
      '0 cases imported, 1 already known, 1 line refused.',
    );
    await expect(result.getByRole('alert').textContent()).resolves.toMatch(/^Line 3: .*amount/);
    await page
      .getByTestId('import-report')
      .screenshot({ path: join(ARTIFACTS, 'disputes-import.png') });
    // The case is still one case.
    const { cases } = await api('GET', `/api/disputes?q=${encodeURIComponent(CASE)}`);
    expect(cases.map((c: any) => c.caseNumber)).toEqual([CASE]);
    expect(errors).toEqual([]);
  }, 60_000);
});
