import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { ADMIN_TOKEN, call, freshDatabase } from './support';

/** The simulators' admin routes answer the runtime's admins only. */
const asAdmin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };

/**
 * The built-in simulators keep their state in the runtime's Postgres: after a clean restart and
 * after a kill -9, vault profiles and orders are still there, and neither PayTrace transaction
 * ids nor Shopify webhook ids are handed out again (a re-used webhook id made ingress answer 200
 * to a new order and start no run).
 */
let dbUrl: string;
const started: RuntimeProcess[] = [];

beforeAll(async () => {
  dbUrl = await freshDatabase();
});
afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

async function start(): Promise<{ proc: RuntimeProcess; url: string }> {
  const proc = spawnRuntime([], { DATABASE_URL: dbUrl, PORT: '0', PAYBRIDGE_SANDBOX: 'true' });
  started.push(proc);
  const m = await proc.waitFor(/Paybridge is running at (http:\/\/\S+)/);
  return { proc, url: m[1]! };
}

async function paytrace(url: string) {
  const auth = await fetch(`${url}/sandbox/paytrace/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=demo-api-user&password=demo-api-password',
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  return async (path: string, body: unknown) => {
    const res = await fetch(`${url}/sandbox/paytrace${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.access_token}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as any;
  };
}

async function placeOrder(url: string): Promise<string> {
  const res = await fetch(`${url}/sandbox/shopify/__admin/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      gateway: 'PayTrace',
      line_items: [{ title: 'Mug', price: '12.50', quantity: 2 }],
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.text()).match(/"id":\s*"?(\d+)/) ?? [])[1]!;
}

/** Webhook ids of every delivery of the sandbox store, once none is waiting any more. */
async function deliveredWebhookIds(url: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/sandbox/shopify/__admin/deliveries`, asAdmin);
    const { deliveries } = (await res.json()) as { deliveries: any[] };
    if (deliveries.length > 0 && deliveries.every((d) => d.state !== 'scheduled')) {
      return deliveries.map((d) => d.webhook_id as string);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('deliveries still scheduled');
}

async function runsOf(url: string, flowId: string, count: number): Promise<any[]> {
  let runs: any[] = [];
  for (let i = 0; i < 100 && runs.length < count; i++) {
    runs = (await call(url, 'GET', `/api/runs?flowId=${flowId}`)).body.runs;
    if (runs.length < count) await new Promise((r) => setTimeout(r, 100));
  }
  return runs;
}

describe('sandbox state in Postgres', () => {
  it('keeps vault profiles and orders across a restart and a kill -9, never re-issuing ids', async () => {
    // --- first start: a vault profile, a sale, an order that starts a run ---------------------
    const first = await start();
    const pt = await paytrace(first.url);
    const created = await pt('/v1/customer/create', {
      customer_id: 'kept-customer',
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2099' },
      billing_address: { name: 'Kept Customer', zip: '90210' },
    });
    expect(created.response_code).toBe(160);
    const sale = await pt('/v1/transactions/sale/by_customer', {
      customer_id: 'kept-customer',
      amount: '10.00',
    });
    expect(sale.response_code).toBe(101);
    const store = (await call(first.url, 'GET', '/api/connections?type=shopify')).body
      .connections[0];
    const flow = await call(first.url, 'POST', '/api/flows', {
      name: 'sandbox orders',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.shopify',
            typeVersion: 1,
            config: { connectionId: store.id, topics: ['orders/create'] },
          },
          { id: 'shape', type: 'map', typeVersion: 1, config: { expression: '{ "o": body.id }' } },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
      },
    });
    expect(flow.status).toBe(201);
    const firstOrder = await placeOrder(first.url);
    expect(await runsOf(first.url, flow.body.id, 1)).toHaveLength(1);
    const idsBefore = await deliveredWebhookIds(first.url);
    first.proc.child.kill('SIGTERM');
    await first.proc.exited;

    // --- clean restart: everything is there, a new order is a new event ----------------------
    const second = await start();
    const pt2 = await paytrace(second.url);
    const exported = await pt2('/v1/customer/export', { customer_id: 'kept-customer' });
    expect(exported.customers).toHaveLength(1);
    const kept = await fetch(`${second.url}/sandbox/shopify/__admin/orders/${firstOrder}`, asAdmin);
    expect(kept.status).toBe(200);
    const secondOrder = await placeOrder(second.url);
    expect(await runsOf(second.url, flow.body.id, 2)).toHaveLength(2);
    const idsAfter = await deliveredWebhookIds(second.url);
    const newIds = idsAfter.filter((id) => !idsBefore.includes(id));
    expect(newIds.length).toBeGreaterThan(0);
    for (const id of newIds) for (const old of idsBefore) expect(id > old).toBe(true);
    const secondSale = await pt2('/v1/transactions/sale/by_customer', {
      customer_id: 'kept-customer',
      amount: '11.00',
    });
    expect(secondSale.transaction_id).toBeGreaterThan(sale.transaction_id);
    // Writes are batched every few ms: give this one its batch before the kill.
    await new Promise((r) => setTimeout(r, 300));
    second.proc.child.kill('SIGKILL');
    await second.proc.exited;

    // --- after kill -9: the orders, the profile, and ids above every earlier one -------------
    const third = await start();
    const pt3 = await paytrace(third.url);
    expect(
      (await pt3('/v1/customer/export', { customer_id: 'kept-customer' })).customers,
    ).toHaveLength(1);
    for (const id of [firstOrder, secondOrder]) {
      expect(
        (await fetch(`${third.url}/sandbox/shopify/__admin/orders/${id}`, asAdmin)).status,
      ).toBe(200);
    }
    const thirdOrder = await placeOrder(third.url);
    expect(BigInt(thirdOrder)).toBeGreaterThan(BigInt(secondOrder));
    expect(await runsOf(third.url, flow.body.id, 3)).toHaveLength(3);
    const idsLast = await deliveredWebhookIds(third.url);
    const newest = idsLast.filter((id) => !idsAfter.includes(id));
    expect(newest.length).toBeGreaterThan(0);
    for (const id of newest) for (const old of idsAfter) expect(id > old).toBe(true);
    const thirdSale = await pt3('/v1/transactions/sale/by_customer', {
      customer_id: 'kept-customer',
      amount: '12.00',
    });
    expect(thirdSale.transaction_id).toBeGreaterThan(secondSale.transaction_id);
    third.proc.child.kill('SIGTERM');
    await third.proc.exited;
  }, 120_000);
});
