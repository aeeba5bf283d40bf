import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';
import { sandboxPaytrace } from './support/sandbox-paytrace';

/**
 * Issue 18's proof, as an integrator who knows n8n or Make would go: from an empty canvas to a
 * live order-to-cash flow on the simulators, with the mapping editor's drag-to-map as the only
 * way data gets from one node to the next (no typed JSON, no typed expressions).
 */

const base = inject('baseUrl');
const stamp = Date.now();
const VAULT_ID = `proof-${stamp}`;
/** The store's payment method for this shopper; the shipped order flow takes only "PayTrace". */
const GATEWAY = 'PayTrace (proof)';

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** The ids the editor gives the nodes it adds (derived from their types). */
const ID = {
  trigger: 'shopify',
  customer: 'shopify-get-customer',
  sale: 'paytrace-sale',
  paid: 'shopify-mark-paid',
  metafields: 'shopify-set-metafields',
  erpCustomer: 'erp-customer-upsert',
  invoice: 'erp-invoice-from-order',
  payment: 'erp-payment-post',
};

/** An API call in the signed-in admin's session, for setting up the simulators only. */
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

/** Creates something in the Shopify simulator's admin API; answers its id, read as text. */
async function simulatorId(path: string, data: Record<string, unknown>): Promise<string> {
  const res = await page.request.fetch(`${base}${path}`, {
    method: 'POST',
    data,
    headers: { 'x-csrf-token': csrf },
  });
  const text = await res.text();
  const id = /"id":\s*"?(\d+)/.exec(text)?.[1];
  if (!res.ok() || !id) throw new Error(`POST ${path}: ${res.status()} ${text.slice(0, 300)}`);
  return id;
}

/** Where the flow's latest run failed and why, to say so when it did not succeed. */
async function latestFailure(): Promise<string> {
  const { runs } = await api('GET', '/api/runs?limit=1');
  const run = await api('GET', `/api/runs/${runs[0].id as string}`);
  const failed = run.steps?.find((st: any) => st.status === 'failed');
  return `run ${run.status ?? runs[0].status} at ${failed?.nodeId}: ${JSON.stringify(failed?.error ?? run.error ?? null)}; input ${JSON.stringify(failed?.input)?.slice(0, 400)}`;
}

const card = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const inspector = () => page.getByTestId('inspector');

/** Adds a node from the palette by searching for it, as the keyboard-first palette allows. */
async function addNode(type: string) {
  const before = await page.locator('.react-flow__node').count();
  await page.getByTestId(`palette-${type}`).dblclick();
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
}

/** Selects a node and shows its settings. */
async function select(id: string) {
  await card(id).click();
  const settings = page.getByRole('tab', { name: 'Settings' });
  if ((await settings.count()) > 0) await settings.click();
}

/** Picks the first connection of the kind the node's connection field offers. */
async function chooseConnection(field: string) {
  const options = inspector().locator(`[data-field="${field}"] select option`);
  await expect.poll(() => options.count()).toBeGreaterThan(1);
  await inspector().locator(`[data-field="${field}"] select`).selectOption({ index: 1 });
}

/** A source field of the mapping editor's tree, in the section of one source. */
function source(dialog: Locator, title: string, path: string[]): Locator {
  const id = path.map((k) => JSON.stringify(k)).join('.');
  return dialog
    .locator('.source-tree section')
    .filter({ has: page.getByRole('heading', { name: title }) })
    .locator(`[data-testid='source-${id}']`);
}

/**
 * Opens the mapping editor on a field (switching it to an expression first when it holds a
 * fixed value), drags each source onto its target, and applies. `target` null: the field's own
 * expression; a key: that row of the document or object the field builds.
 */
async function dragToMap(
  nodeId: string,
  path: string[],
  drops: { from: [string, string[]]; to: string | null }[],
) {
  await select(nodeId);
  const name = path.at(-1)!;
  const open = inspector().getByTestId(`open-mapping-${path.join('.')}`);
  if ((await open.count()) === 0) {
    await inspector()
      .locator(`[data-field="${path.join('.')}"]`)
      .getByRole('button', { name: `Expression for ${name}` })
      .click();
  }
  await open.click();
  const dialog = page.getByTestId('mapping-dialog');
  await dialog.waitFor();
  const shot = join(ARTIFACTS, `proof-map-${nodeId}-${name}.png`);
  await dialog.screenshot({ path: shot });
  // An ERP node's default mapping is a JSONata block: start a document to map field by field.
  const byField = dialog.getByRole('button', { name: 'Map field by field' });
  if (drops.some((d) => d.to !== null) && (await byField.count()) > 0) await byField.click();
  for (const drop of drops) {
    const from = source(dialog, heading(nodeId, drop.from[0]), drop.from[1]);
    await from.waitFor();
    const to =
      drop.to === null
        ? dialog.getByTestId('mapping-expression')
        : dialog.getByTestId(`target-${drop.to}`);
    await from.dragTo(to);
    if (drop.to !== null) {
      // The drop must land: the field's expression names the source field. On a loaded machine
      // the browser can lose a synthetic drag while the previous drop re-renders the rows, as a
      // person's hand might slip: drag once more, and say so in the output.
      const expression = to.getByLabel(`Expression for ${drop.to}`);
      const landed = () =>
        expect
          .poll(() => expression.inputValue(), { timeout: 5_000 })
          .toContain(drop.from[1].at(-1)!);
      try {
        await landed();
      } catch {
        console.log(`drop on ${drop.to} did not land; dragging again`);
        await from.dragTo(to);
        await landed();
      }
    }
  }
  await dialog.screenshot({ path: shot });
  await dialog.getByTestId('mapping-apply').click();
  await dialog.waitFor({ state: 'detached' });
}

/** The chain: each node's input comes from the one before. */
const CHAIN = [
  ID.trigger,
  ID.customer,
  ID.sale,
  ID.paid,
  ID.metafields,
  ID.erpCustomer,
  ID.invoice,
  ID.payment,
];

/**
 * The mapping editor's heading for the data of `from` as seen at `at`: its input when `from`
 * comes right before, else the trigger's event or the node's output by id.
 */
function heading(at: string, from: string): string {
  if (CHAIN[CHAIN.indexOf(at) - 1] === from) return `Input (from ${from})`;
  return from === ID.trigger ? `$trigger (${from})` : `$node("${from}")`;
}

describe.skipIf(!hasChromium)('an integrator builds the order flow from an empty canvas', () => {
  let started = 0;
  let flowId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    // A returning shopper: a card in the PayTrace vault, its id on the Shopify customer.
    const vaulted = await paytrace('/v1/customer/create', {
      customer_id: VAULT_ID,
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2030' },
      billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
    });
    expect(vaulted.response_code, JSON.stringify(vaulted)).toBe(160);
  });
  afterAll(async () => {
    // The flow listens to every new Shopify order: leave none live for the files after this one.
    if (flowId) await api('POST', `/api/flows/${flowId}/deactivate`);
    await browser?.close();
  });

  it('adds the eight nodes from the palette, each chained after the one before', async () => {
    await page.getByRole('button', { name: 'New flow' }).first().click();
    await page.locator('.react-flow__pane').waitFor();
    started = Date.now();
    await page.getByLabel('Flow name').fill('Shopify orders to cash');
    for (const type of [
      'trigger.shopify',
      'shopify.get-customer',
      'paytrace.sale',
      'shopify.mark-paid',
      'shopify.set-metafields',
      'erp.customer-upsert',
      'erp.invoice-from-order',
      'erp.payment-post',
    ]) {
      await addNode(type);
    }
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(7);
    // The sale's first output is "approved": the rest of the flow runs on an approval only.
    await expect(page.locator('.react-flow__edge-text').allTextContents()).resolves.toContain(
      'approved',
    );
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
  });

  it('chooses the store and the Shopify topic from pickers', async () => {
    await select(ID.trigger);
    await chooseConnection('connectionId');
    await expect(
      inspector().getByRole('checkbox', { name: 'orders/create' }).isChecked(),
    ).resolves.toBe(true);
    await select(ID.customer);
    await chooseConnection('connectionId');
    await dragToMap(
      ID.customer,
      ['customerId'],
      [{ from: [ID.trigger, ['body', 'customer', 'id']], to: null }],
    );
  });

  it('saves a draft midway and sees what is missing, by node label and field', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('save-dialog').getByRole('button', { name: 'Save version' }).click();
    await page.getByText(/Saved version 1 as a draft with \d+ problems?/).waitFor();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}/);
    flowId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toMatch(/"PayTrace sale" › /);
    expect(text).not.toMatch(/nodes\.\d|config\./);
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'proof-draft.png') });
  });

  it('charges the vault profile for the order total, by dragging fields only', async () => {
    await select(ID.sale);
    await chooseConnection('connectionId');
    await inspector().locator('[data-field="source"] select').first().selectOption('vault');
    await dragToMap(
      ID.sale,
      ['source', 'customerId'],
      [{ from: [ID.customer, ['paytraceVaultId']], to: null }],
    );
    await dragToMap(
      ID.sale,
      ['amount'],
      [{ from: [ID.trigger, ['body', 'total_price']], to: null }],
    );
  });

  it('marks the order paid and writes the PayTrace references on it', async () => {
    await select(ID.paid);
    await chooseConnection('connectionId');
    await dragToMap(ID.paid, ['orderId'], [{ from: [ID.trigger, ['body', 'id']], to: null }]);
    await select(ID.metafields);
    await chooseConnection('connectionId');
    await dragToMap(ID.metafields, ['ownerId'], [{ from: [ID.trigger, ['body', 'id']], to: null }]);
    await dragToMap(
      ID.metafields,
      ['paytrace', 'transactionId'],
      [{ from: [ID.sale, ['transactionId']], to: null }],
    );
  });

  it('books customer, invoice and payment in the built-in ledger', async () => {
    // The customer and invoice read the order by default; the payment is mapped from the sale.
    await dragToMap(
      ID.payment,
      ['mapping'],
      [
        { from: [ID.sale, ['transactionId']], to: 'externalRef' },
        { from: [ID.invoice, ['document', 'externalRef']], to: 'invoiceRef' },
        { from: [ID.sale, ['amount', 'minor']], to: 'amount' },
        { from: [ID.sale, ['amount', 'currency']], to: 'currency' },
        { from: [ID.trigger, ['body', 'created_at']], to: 'date' },
      ],
    );
  });

  it('activates the finished flow', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('save-dialog').getByRole('button', { name: 'Save version' }).click();
    await page.getByText(/^Saved version 2/).waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 2 is live').waitFor();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`integrator scenario: built, saved and activated the 8-node flow in ${seconds} s`);
  });

  it('places an order in the Shopify simulator and sees the run succeed in the runs view', async () => {
    // Shopify ids pass 2^53: they are read from the simulator's answers as text, never as numbers.
    const customerId = await simulatorId('/sandbox/shopify/__admin/customers', {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: `ada.${stamp}@example.com`,
      paytrace_vault_id: VAULT_ID,
    });
    const orderId = await simulatorId('/sandbox/shopify/__admin/orders', {
      customer_id: customerId,
      gateway: GATEWAY,
      line_items: [{ title: 'Blue mug', price: '45.00', quantity: 1, sku: 'MUG-BLUE' }],
    });
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    const row = page
      .getByTestId('runs-table')
      .locator('tbody tr')
      .filter({ hasText: 'Shopify orders to cash' });
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await row.first().textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/Succeeded|Failed|Dead-lettered/);
    expect(await row.first().textContent(), await latestFailure()).toMatch(/Succeeded/);
    await row.first().getByRole('link').first().click();
    await page.getByTestId('run-view').waitFor();
    await page.getByTestId('run-view-status').filter({ hasText: 'Succeeded' }).waitFor();
    // What it did in the three systems: the vault charged the order total (45.00 as 4500
    // minor units); the ledger holds the shopper, the invoice of the order and its payment by
    // the sale, each named as the ledger files it (no internal ids).
    const documents = (await page.getByTestId('run-documents').textContent()) ?? '';
    expect(documents).toMatch(/PayTrace transaction sale \d+ · order \d+ · 4500 minor units/);
    expect(documents).toContain('Customer Ada Lovelace · shopify-customer-');
    expect(documents).toContain(`Invoice shopify-order-${orderId} · built-in ledger`);
    expect(documents).toMatch(/Payment \d+ · built-in ledger/);
    expect(documents).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    await page.screenshot({ path: join(ARTIFACTS, 'proof-run.png') });
    const total = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`integrator scenario: from an empty canvas to a succeeded order run in ${total} s`);
    const { order: paid } = await api('GET', `/sandbox/shopify/__admin/orders/${orderId}`);
    expect(paid.financial_status).toBe('paid');
    expect(flowId).not.toBe('');
    expect(errors).toEqual([]);
  });
});
