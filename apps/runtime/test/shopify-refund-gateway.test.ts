/**
 * A refund flow filtered on the PayTrace gateway, against the store simulator sending signed
 * webhooks: an order placed with the "PayTrace" payment method is marked paid by Paybridge's own
 * mark-paid node (Shopify records that sale through the `manual` gateway, and the refund goes
 * back through it), and its refund must still start the PayTrace refund flow. A refund of an
 * order paid otherwise starts nothing, and says so in the unmatched list.
 */
import { startShopifySimulator, type RunningShopifySimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { createShopifyConnection } from './support/shopify-connection';

let sim: RunningShopifySimulator;
let rt: RuntimeHandle;
let base: string;
let connectionId: string;
let chargeFlowId: string;
let refundFlowId: string;
let ordersSubscription: string;

async function waitUntil<T>(check: () => Promise<T | null>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await check();
    if (found !== null) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The runs of a flow whose trigger body has `field` equal to `value`. */
async function runsOf(flowId: string, field: string, value: string) {
  const page = await call(base, 'GET', `/api/runs?flowId=${flowId}&limit=500`);
  const found = [];
  for (const run of page.body.runs) {
    const detail = await call(base, 'GET', `/api/runs/${run.id}`);
    if (String(detail.body.trigger.body[field]) === value) found.push(detail.body);
  }
  return found;
}

async function deliveriesSettled() {
  const open = sim.handle.deliveries
    .list()
    .some((d) => d.state === 'scheduled' || d.nextAttemptAt !== null);
  return open ? null : true;
}

async function createFlow(name: string, graph: unknown): Promise<string> {
  const flow = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(flow.status).toBe(201);
  return flow.body.id as string;
}

beforeAll(async () => {
  sim = await startShopifySimulator({ port: 0 });
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: sim.url,
      // Webhooks only: the poller must not be what finds the refund.
      PAYBRIDGE_SHOPIFY_POLL_SECONDS: '86400',
    },
  });
  base = rt.url!;
  connectionId = await createShopifyConnection(base);

  // The charge flow stands for "charged through PayTrace": what matters here is how Paybridge
  // records the payment on the order afterwards, with its own mark-paid node.
  chargeFlowId = await createFlow('PayTrace orders', {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId, topics: ['orders/create'], gatewayNames: ['PayTrace'] },
      },
      {
        id: 'paid',
        type: 'shopify.mark-paid',
        typeVersion: 1,
        config: { connectionId, orderId: '=$trigger.body.id', mode: 'full' },
      },
    ],
    edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'paid', port: 'in' } }],
  });
  refundFlowId = await createFlow('PayTrace refunds', {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId, topics: ['refunds/create'], gatewayNames: ['PayTrace'] },
      },
      {
        id: 'shape',
        type: 'map',
        typeVersion: 1,
        config: { expression: '{ "refund": body.id, "order": body.order_id }' },
      },
    ],
    edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
  });
  const hook = `${base}/hooks/shopify/${connectionId}`;
  ordersSubscription = sim.handle.subscribe('orders/create', hook).id;
  sim.handle.subscribe('refunds/create', hook);
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

describe('refund trigger filtered on the PayTrace gateway', () => {
  it('starts for a refund of an order Paybridge marked paid', async () => {
    const order = sim.handle.createOrder({
      gateway: 'PayTrace',
      line_items: [{ title: 'Mug', price: '12.50', quantity: 2 }],
    });
    const [charged] = await waitUntil(
      async () => {
        const runs = await runsOf(chargeFlowId, 'id', order.id);
        return runs.length > 0 ? runs : null;
      },
      20_000,
      'the charge flow run',
    );
    const done = await waitForRun(base, charged.id);
    expect(done.status).toBe('succeeded');
    // What Shopify recorded: a sale through `manual`, which the refund goes back through.
    const sale = sim.handle.state.orders.get(order.id)!.transactions.find((t) => t.kind === 'sale');
    expect(sale?.gateway).toBe('manual');

    const refund = sim.handle.createRefund(order.id, { amount: '10.00', note: 'damaged' });
    await waitUntil(deliveriesSettled, 20_000, 'deliveries');
    const [run] = await waitUntil(
      async () => {
        const runs = await runsOf(refundFlowId, 'id', refund.id);
        return runs.length > 0 ? runs : null;
      },
      20_000,
      'the refund flow run',
    );
    expect(run.trigger.body.transactions.map((t: any) => t.gateway)).toEqual(['manual']);
    const finished = await waitForRun(base, run.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.steps.find((s: any) => s.nodeId === 'shape').output).toEqual({
      refund: refund.id,
      order: order.id,
    });
  }, 60_000);

  it('starts nothing for a refund of an order paid otherwise, and lists why', async () => {
    const order = sim.handle.createOrder({
      gateway: 'Bank Deposit',
      financial_status: 'paid',
      line_items: [{ title: 'Mug', price: '12.50', quantity: 1 }],
    });
    const refund = sim.handle.createRefund(order.id, { amount: '5.00' });
    await waitUntil(deliveriesSettled, 20_000, 'deliveries');
    const listed = await waitUntil(
      async () => {
        const list = await call(
          base,
          'GET',
          `/api/events/unmatched?connectionId=${connectionId}&topic=refunds/create`,
        );
        return list.body.events.find((e: any) => e.resourceId === refund.id) ?? null;
      },
      10_000,
      'the unmatched refund',
    );
    expect(listed).toMatchObject({
      reason: 'gateway-filtered',
      details: {
        flows: [
          {
            flowId: refundFlowId,
            flowName: 'PayTrace refunds',
            wanted: ['PayTrace'],
            named: ['Bank Deposit'],
          },
        ],
      },
    });
    expect(listed.message).toContain(
      'filtered out by the gateway filter of flow "PayTrace refunds"',
    );
    expect(await runsOf(refundFlowId, 'id', refund.id)).toEqual([]);
    // The order itself was not taken by the PayTrace charge flow either, and is counted so.
    const counts = await call(base, 'GET', `/api/events/unmatched?connectionId=${connectionId}`);
    expect(counts.body.counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'gateway-filtered', topic: 'orders/create', count: 1 }),
        expect.objectContaining({ reason: 'gateway-filtered', topic: 'refunds/create', count: 1 }),
      ]),
    );
  }, 60_000);

  it('says so when a refund went back through `manual` for an order it never saw', async () => {
    // The store stops sending order webhooks here: Paybridge cannot know how this order was paid.
    sim.handle.unsubscribe(ordersSubscription);
    const order = sim.handle.createOrder({
      financial_status: 'paid',
      line_items: [{ title: 'Mug', price: '12.50', quantity: 1 }],
    });
    const refund = sim.handle.createRefund(order.id, { amount: '2.00' });
    await waitUntil(deliveriesSettled, 20_000, 'deliveries');
    const listed = await waitUntil(
      async () => {
        const list = await call(base, 'GET', '/api/events/unmatched?reason=gateway-filtered');
        return list.body.events.find((e: any) => e.resourceId === refund.id) ?? null;
      },
      10_000,
      'the unmatched refund',
    );
    expect(listed.details.flows[0]).toMatchObject({
      named: ['manual'],
      order: { id: order.id, gateways: null },
    });
    expect(listed.message).toContain(
      `its order ${order.id} was never seen by Paybridge, so how it was paid is unknown`,
    );
  }, 60_000);
});
