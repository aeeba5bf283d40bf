/**
 * The Fraud screening template end to end in a sandbox runtime: installed through the API
 * against the simulator connections, driven by orders placed in the Shopify simulator (its
 * webhooks reach the runtime over HTTP), checked at PayTrace (authorized, captured, voided), in
 * the Shopify order (risk assessment, tag, cancellation) and in the review queue API.
 */
import { SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import { isSafeNumber, parse } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { simulatorCall, TEST_CARD } from './paytrace-support';
import { ADMIN_TOKEN, call, freshDatabase, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let flowId: string;

async function shop(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/sandbox/shopify/__admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? parse(text, undefined, (v) => (isSafeNumber(v) ? Number(v) : v)) : null;
  return { status: res.status, body: parsed as any };
}

/** The order's risk as the Shopify admin shows it (GraphQL `Order.risk`). */
async function orderRisk(orderId: string) {
  const res = await fetch(`${base}/sandbox/shopify/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
    },
    body: JSON.stringify({
      query: `query($id: ID!) { order(id: $id) { cancelledAt cancelReason tags
        risk { recommendation assessments { riskLevel facts { description sentiment } } } } }`,
      variables: { id: `gid://shopify/Order/${orderId}` },
    }),
  });
  return ((await res.json()) as any).data.order;
}

const transactions = async (): Promise<any[]> =>
  (await call(base, 'GET', '/sandbox/paytrace/__admin/transactions')).body.transactions;

let customers = 0;
/** A Shopify customer with a PayTrace vault profile (a card on file). */
async function vaultCustomer(email: string) {
  const vaultId = `fraud-vault-${++customers}`;
  const answer = await simulatorCall(`${base}/sandbox/paytrace`, '/v1/customer/create', {
    customer_id: vaultId,
    credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
    billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
  });
  expect(answer.response_code).toBe(160);
  const customer = await shop('POST', '/customers', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email,
    paytrace_vault_id: vaultId,
  });
  expect(customer.status).toBe(201);
  return { id: String(customer.body.customer.id), vaultId };
}

const HOME = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address1: '1 Main St',
  city: 'Chandler',
  province: 'Arizona',
  zip: '85284',
  country: 'United States',
  country_code: 'US',
};

async function placeOrder(
  customerId: string,
  price: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await shop('POST', '/orders', {
    customer_id: customerId,
    gateway: 'PayTrace',
    browser_ip: '24.5.1.1',
    billing_address: HOME,
    shipping_address: HOME,
    line_items: [{ title: 'Tea', price, quantity: 1, sku: 'TEA-1' }],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.order.id);
}

/** The run of the fraud flow for an order, once it reaches one of `until`. */
async function runFor(orderId: string, until = ['succeeded', 'failed']) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${flowId} and e.payload->'body'->>'id' = ${orderId}`;
    if (row) return waitForRun(base, row.id, (r) => until.includes(r.status), 60_000);
    if (Date.now() > deadline) throw new Error(`no run for order ${orderId}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const step = (run: any, nodeId: string) =>
  run.steps.find((s: any) => s.nodeId === nodeId && s.status === 'succeeded');
const ran = (run: any) =>
  new Set(run.steps.filter((s: any) => s.status === 'succeeded').map((s: any) => s.nodeId));

/** The authorization of an order (by its run) as PayTrace holds it now. */
async function authorizationOf(run: any) {
  const id = String(step(run, 'authorize').output.transactionId);
  return (await transactions()).find((t) => String(t.id) === id);
}

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url, { env: { PAYBRIDGE_SANDBOX: 'true' } });
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  const installed = await call(base, 'POST', '/api/templates/fraud-screening/install', {
    connections: {
      shopify: connections.find((c: any) => c.type === 'shopify').id,
      paytrace: connections.find((c: any) => c.type === 'paytrace').id,
    },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  flowId = installed.body.flows[0].id;
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

describe('fraud screening template', () => {
  it('captures a clean returning customer’s order and writes its risk to Shopify', async () => {
    const ada = await vaultCustomer('ada.lovelace@acme.com');
    const first = await runFor(await placeOrder(ada.id, '48.00'));
    expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
    const orderId = await placeOrder(ada.id, '52.00');
    const run = await runFor(orderId);
    expect(run.status).toBe('succeeded');
    const score = step(run, 'score').output;
    expect(score.level, JSON.stringify(score)).toBe('low');
    expect(ran(run).has('capture')).toBe(true);
    expect(ran(run).has('void')).toBe(false);
    const auth = await authorizationOf(run);
    expect(auth).toMatchObject({ type: 'AUTHORIZATION', captured: true, capturedCents: 5200 });
    const order = await orderRisk(orderId);
    expect(order.cancelledAt).toBeNull();
    expect(order.risk.assessments).toEqual([
      expect.objectContaining({ riskLevel: 'LOW', facts: expect.any(Array) }),
    ]);
  });
});
