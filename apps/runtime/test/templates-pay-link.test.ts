/**
 * Order to cash for shoppers without a usable vault profile, end to end in a sandbox runtime:
 * the run writes a pay link to the Shopify order, emails it through a real SMTP server started
 * here, waits, and books the order once the shopper pays on the hosted pay page with a Protect.js
 * token from the PayTrace simulator over HTTP. Declines email the staff; expired links tag the
 * order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../packages/nodes/src/notify/email/test-smtp-server';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { protectToken, simulatorCall, TEST_CARD } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { sandboxShopify } from './support/sandbox-shopify';
import { createSmtpConnection } from './support/smtp-connection';

let smtp: TestSmtpServer;
let rt: RuntimeHandle;
let sql: Sql;
let base: string;
let paytraceUrl: string;
let orderFlow: string;
const STAFF = 'staff@example.com';

const shop = (method: string, path: string, body?: unknown) =>
  sandboxShopify(base, method, path, body);
const shopifyOrder = async (id: string) => (await shop('GET', `/orders/${id}`)).body.order;
const metafield = (owner: any, key: string) =>
  owner.metafields.find((m: any) => m.namespace === 'paytrace' && m.key === key)?.value;
const paytraceTransactions = async (): Promise<any[]> =>
  (await call(base, 'GET', '/sandbox/paytrace/__admin/transactions')).body.transactions;
const salesOf = async (order: any) =>
  (await paytraceTransactions()).filter(
    (t) => t.type === 'SALE' && t.description === `Shopify order ${order.name}`,
  );

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The run the order's webhook started, once it is in `status`. */
async function runOf(orderId: string, status: string) {
  const id = await waitUntil(async () => {
    const [row] = await sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${orderFlow} and (e.payload::jsonb #>> '{body,id}') = ${orderId}`;
    return row?.id;
  }, `a run for order ${orderId}`);
  return waitForRun(base, id, (r) => r.status === status || r.status === 'failed', 30_000);
}

/** Quoted-printable undone, so a link wrapped by the mailer reads whole. */
const decoded = (body: string) =>
  body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const mailTo = (address: string) =>
  waitUntil(
    async () => smtp.messages.find((m) => m.recipients.includes(address)),
    `an email to ${address}`,
  );

async function newShopper(tag: string) {
  const res = await shop('POST', '/customers', {
    first_name: 'Grace',
    last_name: tag,
    email: `grace.${tag}@example.com`,
  });
  expect(res.status).toBe(201);
  return res.body.customer;
}

async function placeOrder(customerId: string, price: string) {
  const res = await shop('POST', '/orders', {
    customer_id: customerId,
    gateway: 'PayTrace',
    line_items: [{ title: 'Tea', price, quantity: 1, sku: 'TEA-1' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order;
}

async function payOnPage(url: string, tokens: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(tokens).toString(),
  });
  return { status: res.status, text: await res.text() };
}

/** A Protect.js token for a card that expired: the simulator declines it. */
async function expiredCardToken() {
  const { clientKey } = await simulatorCall(paytraceUrl, '/v1/payment_fields/token/create', {});
  const res = await fetch(`${paytraceUrl}/protect/tokenize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientKey,
      number: TEST_CARD,
      expiration_month: '01',
      expiration_year: '2020',
      csc: '999',
    }),
  });
  return (await res.json()) as { hpf_token: string; enc_key: string };
}

/** The order's pay link, once the run wrote it: metafield, note and tag agree. */
async function payLinkOf(orderId: string) {
  const order = await waitUntil(async () => {
    const o = await shopifyOrder(orderId);
    return metafield(o, 'pay_link') ? o : undefined;
  }, 'the pay link metafield');
  const url = metafield(order, 'pay_link') as string;
  expect(url.startsWith(`${base}/pay/`)).toBe(true);
  expect(order.note).toContain(url);
  expect(order.tags).toContain('needs-payment-link');
  expect(order.financial_status).toBe('pending');
  return url;
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, {
    env: { PAYBRIDGE_SANDBOX: 'true', PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' },
  });
  base = rt.url!.replace(/\/$/, '');
  paytraceUrl = `${base}/sandbox/paytrace`;
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  const mailId = await createSmtpConnection(base, smtp.port);
  const installed = await call(base, 'POST', '/api/templates/order-to-cash/install', {
    connections: {
      shopify: connections.find((c: any) => c.type === 'shopify').id,
      paytrace: connections.find((c: any) => c.type === 'paytrace').id,
      smtp: mailId,
    },
    parameters: { staffEmail: STAFF, payLinkExpiresInHours: 1 },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  orderFlow = installed.body.flows[0].id;
}, 120_000);
afterAll(async () => {
  await rt?.stop();
  await sql?.end();
  await smtp?.close();
});

describe('order to cash: pay link', () => {
  it('sends a new shopper a pay link; paying charges once, saves the card and books the order', async () => {
    const customer = await newShopper('new');
    const order = await placeOrder(customer.id, '30.00');
    const waiting = await runOf(order.id, 'waiting');
    expect(waiting.status, JSON.stringify(waiting.error)).toBe('waiting');
    const url = await payLinkOf(order.id);
    const link = waiting.steps.find((s: any) => s.nodeId === 'pay-link');
    const hours = (Date.parse(link.output.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(0.9);
    expect(hours).toBeLessThanOrEqual(1);
    const mail = await mailTo(customer.email);
    expect(mail.header('subject')).toBe(`Pay for your order ${order.name}`);
    expect(decoded(mail.body)).toContain(url);
    expect(await salesOf(order)).toHaveLength(0);

    const paid = await payOnPage(url, await protectToken(paytraceUrl));
    expect(paid.status).toBe(200);
    const run = await waitForRun(base, waiting.id, undefined, 30_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const sales = await salesOf(order);
    expect(sales.map((t) => [t.responseCode, t.amountCents])).toEqual([[101, 3000]]);
    const vaultId = `shopify-${customer.id}`;
    const profiles = (await call(base, 'GET', '/sandbox/paytrace/__admin/customers')).body
      .customers;
    expect(profiles.find((p: any) => p.customerId === vaultId)?.card.lastFour).toBe('5439');
    const after = await shopifyOrder(order.id);
    expect(after.financial_status).toBe('paid');
    expect(metafield(after, 'transaction_id')).toBe(String(sales[0].id));
    expect(metafield(after, 'customer_vault_id')).toBe(vaultId);
    // The customer's next order is charged by vault.
    const shopper = (await shop('GET', `/customers/${customer.id}`)).body.customer;
    expect(metafield(shopper, 'customer_vault_id')).toBe(vaultId);
    const invoice = await call(
      base,
      'GET',
      `/api/ledger/documents/invoice/shopify-order-${order.id}`,
    );
    expect(invoice.body.document).toMatchObject({ total: 3000, openBalance: 0 });
    const payment = await call(
      base,
      'GET',
      `/api/ledger/documents/payment/paytrace-${sales[0].id}`,
    );
    expect(payment.body.document).toMatchObject({ amount: 3000 });
    const erpCustomer = await call(
      base,
      'GET',
      `/api/ledger/documents/customer/shopify-customer-${customer.id}`,
    );
    expect(erpCustomer.body.document).toMatchObject({ paytraceCustomerId: vaultId });
    const tb = (await call(base, 'GET', '/api/ledger/reports/trial-balance')).body;
    expect(tb.totals.every((t: any) => t.balanced)).toBe(true);

    const next = await placeOrder(customer.id, '12.00');
    const nextRun = await runOf(next.id, 'succeeded');
    expect(nextRun.status, JSON.stringify(nextRun.error)).toBe('succeeded');
    const byVault = (await paytraceTransactions()).filter((t) => t.customerId === vaultId);
    expect(byVault.map((t) => [t.type, t.responseCode, t.amountCents])).toContainEqual([
      'SALE',
      101,
      1200,
    ]);
  }, 90_000);

  it('keeps the link open after a decline on the page; the retry is the one approved sale', async () => {
    const customer = await newShopper('retry');
    const order = await placeOrder(customer.id, '19.99');
    const waiting = await runOf(order.id, 'waiting');
    const url = await payLinkOf(order.id);
    const declined = await payOnPage(url, await expiredCardToken());
    expect(declined.status).toBe(402);
    expect(declined.text).toContain('EXPIRED CARD');
    await waitForRun(base, waiting.id, (r) => r.status === 'waiting');
    const paid = await payOnPage(url, await protectToken(paytraceUrl));
    expect(paid.status).toBe(200);
    const run = await waitForRun(base, waiting.id, undefined, 30_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const sales = await salesOf(order);
    expect(sales.map((t) => t.responseCode).sort()).toEqual([101, 102]);
    expect((await shopifyOrder(order.id)).financial_status).toBe('paid');
  }, 90_000);

  it('emails the staff about a declined vault card and sends the shopper a retry link', async () => {
    const vaultId = 'vault-declined-2';
    const created = await simulatorCall(paytraceUrl, '/v1/customer/create', {
      customer_id: vaultId,
      credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
      billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
    });
    expect(created.response_code).toBe(160);
    const customer = (
      await shop('POST', '/customers', {
        first_name: 'Ada',
        email: 'ada.declined@example.com',
        paytrace_vault_id: vaultId,
      })
    ).body.customer;
    // 112.00 is the simulator's "Do not honor" amount.
    const order = await placeOrder(customer.id, '112.00');
    const waiting = await runOf(order.id, 'waiting');
    expect(waiting.status, JSON.stringify(waiting.error)).toBe('waiting');
    const url = await payLinkOf(order.id);
    const after = await shopifyOrder(order.id);
    expect(after.tags).toContain('paytrace-declined');
    expect(after.note).toMatch(/Do not honor/i);
    const staff = await mailTo(STAFF);
    expect(staff.header('subject')).toBe(`PayTrace declined order ${order.name}`);
    expect(decoded(staff.body)).toMatch(/Do not honor/i);
    const shopper = await mailTo(customer.email);
    expect(decoded(shopper.body)).toContain(url);
    const sales = (await paytraceTransactions()).filter((t) => t.customerId === vaultId);
    expect(sales.map((t) => t.responseCode)).toEqual([102]);
  }, 90_000);

  it('sends a guest (no Shopify customer) a pay link and books the paid order', async () => {
    const res = await shop('POST', '/orders', {
      email: 'guest.shopper@example.com',
      gateway: 'PayTrace',
      line_items: [{ title: 'Tea', price: '5.00', quantity: 1, sku: 'TEA-1' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body.order;
    const waiting = await runOf(order.id, 'waiting');
    const url = await payLinkOf(order.id);
    expect(decoded((await mailTo('guest.shopper@example.com')).body)).toContain(url);
    expect((await payOnPage(url, await protectToken(paytraceUrl))).status).toBe(200);
    const run = await waitForRun(base, waiting.id, undefined, 30_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const after = await shopifyOrder(order.id);
    expect(after.financial_status).toBe('paid');
    expect(metafield(after, 'customer_vault_id')).toBe(`shopify-order-${order.id}`);
    const invoice = await call(
      base,
      'GET',
      `/api/ledger/documents/invoice/shopify-order-${order.id}`,
    );
    expect(invoice.body.document).toMatchObject({ total: 500, openBalance: 0 });
  }, 90_000);

  it('tags the order payment-expired when nobody pays before the link expires', async () => {
    const customer = await newShopper('late');
    const order = await placeOrder(customer.id, '8.00');
    const waiting = await runOf(order.id, 'waiting');
    const url = await payLinkOf(order.id);
    // Fast-forward past the hour: the link's time is up, and the run's wake-up is due now.
    await sql`update pay_links set expires_at = now() - interval '1 second'
              where run_id = ${waiting.id}`;
    await sql`update run_steps set resume_at = now()
              where run_id = ${waiting.id} and status = 'suspended'`;
    await sql`select graphile_worker.add_job('run.execute', json_build_object('runId', ${waiting.id}::text),
                job_key => 'run:' || ${waiting.id}::text, job_key_mode => 'replace')`;
    const run = await waitForRun(base, waiting.id, undefined, 30_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const after = await shopifyOrder(order.id);
    expect(after.tags).toContain('payment-expired');
    expect(after.note).toMatch(/pay link expired .* nothing was charged/);
    expect(after.financial_status).toBe('pending');
    expect((await fetch(url)).status).toBe(410);
    expect(await salesOf(order)).toHaveLength(0);
  }, 90_000);
});
