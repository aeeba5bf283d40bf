/**
 * Webhooks arrive at least once, out of order, sometimes never. Against the store simulator's
 * delivery engine: duplicates and reordering still give one run per order, and orders whose
 * webhooks were dropped are found by the reconciliation poller within one polling interval.
 */
import { startShopifySimulator, type RunningShopifySimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';
import { createShopifyConnection } from './support/shopify-connection';

const POLL_S = 3;

let sim: RunningShopifySimulator;
let rt: RuntimeHandle;
let base: string;
let connectionId: string;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Order ids of the runs of a flow, with how many runs each got, and the runs' sources. */
async function runsByOrder(flowId: string) {
  const counts = new Map<string, number>();
  const sources: string[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await call(
      base,
      'GET',
      `/api/runs?flowId=${flowId}&limit=500${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    if (!page.body.runs)
      throw new Error(`runs list answered ${page.status}: ${JSON.stringify(page.body)}`);
    for (const run of page.body.runs) {
      const detail = await call(base, 'GET', `/api/runs/${run.id}`);
      const event = detail.body.trigger;
      counts.set(event.body.id, (counts.get(event.body.id) ?? 0) + 1);
      sources.push(event.source);
    }
    before = page.body.nextBefore;
    if (!before) break;
  }
  return { counts, sources };
}

async function orderFlow(name: string): Promise<string> {
  const flow = await call(base, 'POST', '/api/flows', {
    name,
    activate: true,
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.shopify',
          typeVersion: 1,
          config: { connectionId, topics: ['orders/create'], gatewayNames: [name] },
        },
        {
          id: 'shape',
          type: 'map',
          typeVersion: 1,
          config: { expression: '{ "order": body.id }' },
        },
      ],
      edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
    },
  });
  expect(flow.status).toBe(201);
  return flow.body.id as string;
}

function placeOrders(gateway: string, n: number): string[] {
  return Array.from(
    { length: n },
    () =>
      sim.handle.createOrder({
        gateway,
        line_items: [{ title: 'Mug', price: '12.50', quantity: 1 }],
      }).id,
  );
}

async function deliveriesSettled(): Promise<boolean> {
  return sim.handle.deliveries
    .list()
    .every((d) => d.state !== 'scheduled' && d.nextAttemptAt === null);
}

beforeAll(async () => {
  sim = await startShopifySimulator({ port: 0 });
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: sim.url,
      PAYBRIDGE_SHOPIFY_POLL_SECONDS: String(POLL_S),
    },
  });
  base = rt.url!;
  connectionId = await createShopifyConnection(base);
  sim.handle.subscribe('orders/create', `${base}/hooks/shopify/${connectionId}`);
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

describe('Shopify deliveries', () => {
  it('gives 500 orders one run each although deliveries are duplicated and reordered', async () => {
    const flowId = await orderFlow('DupGateway');
    Object.assign(sim.handle.settings, {
      duplicateRate: 0.3,
      duplicateDelaySeconds: 0,
      reorderRate: 0.3,
      reorderDelaySeconds: 1,
      dropRate: 0,
    });
    const orders = placeOrders('DupGateway', 500);
    await waitUntil(deliveriesSettled, 60_000, 'deliveries');
    const sent = sim.handle.deliveries.list().filter((d) => orders.includes(d.resourceId ?? ''));
    expect(sent.filter((d) => d.duplicateOf !== null).length).toBeGreaterThan(50);
    expect(sent.filter((d) => d.heldBack).length).toBeGreaterThan(50);
    await waitUntil(
      async () => (await runsByOrder(flowId)).counts.size === orders.length,
      60_000,
      'one run per order',
    );
    const { counts } = await runsByOrder(flowId);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...orders].sort());
  }, 180_000);

  it('recovers every order whose webhook was dropped within one polling interval', async () => {
    const flowId = await orderFlow('DropGateway');
    // Let the poller take this flow's store into account before the orders are placed.
    await new Promise((r) => setTimeout(r, POLL_S * 1000 + 500));
    Object.assign(sim.handle.settings, { duplicateRate: 0, reorderRate: 0, dropRate: 0.1 });
    const orders = placeOrders('DropGateway', 100);
    await waitUntil(deliveriesSettled, 60_000, 'deliveries');
    const dropped = sim.handle.deliveries
      .list()
      .filter((d) => d.state === 'dropped' && orders.includes(d.resourceId ?? ''));
    expect(dropped.length).toBeGreaterThan(0);
    const settledAt = Date.now();
    await waitUntil(
      async () => (await runsByOrder(flowId)).counts.size === orders.length,
      (POLL_S + 5) * 1000,
      'the poller to recover the dropped orders',
    );
    expect(Date.now() - settledAt).toBeLessThan((POLL_S + 5) * 1000);
    const { counts, sources } = await runsByOrder(flowId);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(sources.filter((s) => s === 'reconciliation')).toHaveLength(dropped.length);

    const state = await call(base, 'GET', '/api/shopify/reconciliation');
    expect(state.status).toBe(200);
    const mine = state.body.connections.find((c: any) => c.connectionId === connectionId);
    expect(mine).toMatchObject({ lastError: null });
    expect(mine.lagSeconds).toBeLessThanOrEqual(POLL_S * 3);
  }, 120_000);
});
