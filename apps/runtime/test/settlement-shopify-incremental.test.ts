/**
 * Settlement reconciliation reads a store's orders incrementally, over real HTTP against the
 * Shopify simulator (counted and faulted at its HTTP door) and the real Postgres: a generated day
 * of 2,000 orders is read in full once; a second run of the same day reads only what changed and
 * reports the same; an order paid after the first run (its metafield set, `updatedAt` untouched,
 * as Shopify may do) and an order placed after it are both seen by the next run; a read that
 * fails midway leaves the coverage as it was, so the retry reads everything again; the node's
 * "Re-read every Shopify order of the window" reads everything.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createShopifySimulator,
  SHOPIFY_DEMO_CREDENTIALS,
  shopifyOrdersForDay,
  startPaytraceSimulator,
  type DayManifest,
  type ManifestTransaction,
  type RunningPaytraceSimulator,
  type ShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { createShopifyConnection } from './support/shopify-connection';
import {
  createReconciliationFlow,
  generateDay,
  runReconciliation,
  seedSettlementDay,
} from './support/settlement-day';

const DAY = '2026-03-10';
/** The day's orders were placed this long before the first reconciliation. */
const PLACED_BEFORE_MS = 2 * 3600_000;

/** One Admin GraphQL request the simulator answered (or the fault refused). */
interface Seen {
  operation: string;
  query: string | null;
  after: string | null;
  orders: number;
  status: number;
}

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let paytrace: RunningPaytraceSimulator;
let sim: ShopifySimulator;
let simUrl: string;
let closeSim: () => Promise<void>;
let manifest: DayManifest;
let paytraceId: string;
let storeId: string;
let flowId: string;
let seen: Seen[] = [];
/** Refuses a request with 503 while it answers true. */
let fault: ((request: Seen) => boolean) | null = null;
let simOffsetMs = -PLACED_BEFORE_MS;
/** A sale the day left out of Shopify that gets an unpaid order before the first run. */
let unpaid: ManifestTransaction;
/** A sale the day left out of Shopify whose order is placed after the first run. */
let late: ManifestTransaction;

/** Counts GraphQL requests and their orders at the simulator's door; applies `fault`. */
async function door(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'POST' || !url.pathname.endsWith('/graphql.json')) {
    return sim.app.fetch(request);
  }
  const text = await request.text();
  const body = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
  const entry: Seen = {
    operation: /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '',
    query: (body.variables?.query as string | undefined) ?? null,
    after: (body.variables?.after as string | undefined) ?? null,
    orders: 0,
    status: 200,
  };
  if (fault?.(entry)) {
    seen.push({ ...entry, status: 503 });
    return new Response(JSON.stringify({ errors: 'Service Unavailable' }), {
      status: 503,
      headers: { 'content-type': 'application/json' },
    });
  }
  const answer = await sim.app.fetch(
    new Request(request.url, { method: 'POST', headers: request.headers, body: text }),
  );
  const data = ((await answer.clone().json()) as { data?: any }).data;
  entry.orders = data?.orders?.nodes?.length ?? data?.nodes?.filter(Boolean).length ?? 0;
  entry.status = answer.status;
  seen.push(entry);
  return answer;
}

/** The order reads of `seen`: full pages, incremental pages, reads by id. */
function reads(list: Seen[] = seen) {
  const ok = list.filter((s) => s.status === 200);
  const pages = ok.filter((s) => s.operation === 'ReconcileSettlementOrders');
  const full = pages.filter((s) => !s.query!.includes('updated_at'));
  const changed = pages.filter((s) => s.query!.includes('updated_at'));
  const byId = ok.filter((s) => s.operation === 'ReconcileSettlementOrdersById');
  const sum = (l: Seen[]) => l.reduce((n, s) => n + s.orders, 0);
  return {
    fullPages: full.length,
    fullOrders: sum(full),
    changedPages: changed.length,
    changedOrders: sum(changed),
    byIdRequests: byId.length,
    byIdOrders: sum(byId),
  };
}

async function graphql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${simUrl}/admin/api/2026-01/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
    },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { data?: any; errors?: unknown };
}

function orderInput(t: ManifestTransaction, metafield: boolean) {
  const [order] = shopifyOrdersForDay({ ...manifest, transactions: [{ ...t, inShopify: true }] })
    .orders as Record<string, unknown>[];
  return metafield ? order! : { ...order!, financial_status: 'pending', metafields: [] };
}

async function bulk(orders: Record<string, unknown>[]) {
  const res = await fetch(`${simUrl}/__admin/orders/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orders }),
  });
  expect(res.status, await res.text()).toBe(201);
}

/** Items of the day: kind, transaction and status, sorted. */
async function report() {
  const items: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await call(
      base,
      'GET',
      `/api/reconciliation/items?date=${DAY}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    for (const i of page.body.items) items.push(`${i.kind}:${i.transactionId}:${i.status}`);
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  const day = await call(base, 'GET', `/api/reconciliation/days/${DAY}`);
  expect(day.status).toBe(200);
  // What a run changes besides the report: which run and when.
  const { runId: _r, flowRunId: _f, updatedAt: _u, ...totals } = day.body.day;
  return { items: items.sort(), day: totals };
}

/** Runs `flow` once to success; answers the node's output. */
async function reconcile(flow = flowId) {
  seen = [];
  const runId = await runReconciliation(base, flow);
  const run = await call(base, 'GET', `/api/runs/${runId}`);
  return run.body.steps.at(-1).output as {
    reconciliationRunId: string;
    shopify: Record<string, number>;
  };
}

async function coverage(connection: string) {
  return sql<{ day: string; read_at: Date }[]>`
    select day::text as day, read_at from reconciliation_shopify_coverage
     where connection = ${connection} order by day`;
}

beforeAll(async () => {
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  sim = createShopifySimulator({
    settings: { plan: 'plus' },
    clock: () => Date.now() + simOffsetMs,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: door, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  simUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeSim = async () => {
    await sim.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const url = await freshDatabase();
  rt = await startTestRuntime(url, {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: paytrace.url,
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: simUrl,
    },
  });
  base = rt.url!;
  sql = openSql(url, { max: 2 });

  manifest = await generateDay(paytrace.url, {
    date: DAY,
    orders: 2000,
    refundRate: 0.05,
    voidRate: 0.01,
    batches: 20,
    seed: 30,
    discrepancies: { notInShopify: 10 },
  });
  const leftOut = manifest.transactions.filter((t) => t.type === 'sale' && !t.inShopify);
  unpaid = leftOut[0]!;
  late = leftOut[1]!;
  // The day's orders, and an order for `unpaid` placed but not charged yet (no metafield).
  await bulk([
    ...(shopifyOrdersForDay(manifest).orders as Record<string, unknown>[]),
    orderInput(unpaid, false),
  ]);
  await seedSettlementDay({ sql }, manifest, {});
  paytraceId = await createPaytraceConnection(base);
  storeId = await createShopifyConnection(base);
  flowId = await createReconciliationFlow(base, 'Settlement reconciliation', {
    connectionId: paytraceId,
    date: DAY,
    timeZone: 'UTC',
    shopifyConnectionId: storeId,
    postSettlement: false,
  });
}, 180_000);

afterAll(async () => {
  await sql?.end();
  await rt?.stop();
  await paytrace?.close();
  await closeSim?.();
});

describe('incremental Shopify reads of settlement reconciliation', () => {
  let first: Awaited<ReturnType<typeof report>>;
  let firstRead: ReturnType<typeof reads>;

  it('reads the window in full the first time and records it as covered', async () => {
    const output = await reconcile();
    firstRead = reads();
    const inShopify = manifest.transactions.filter(
      (t) => (t.type === 'sale' || t.type === 'void') && t.inShopify,
    ).length;
    expect(firstRead.fullOrders).toBe(inShopify + 1);
    expect(firstRead.fullPages).toBe(Math.ceil((inShopify + 1) / 200));
    expect(firstRead.changedPages).toBe(0);
    expect(output.shopify).toMatchObject({
      daysReadFully: 5,
      ordersReadFully: inShopify + 1,
      daysReadIncrementally: 0,
      ordersReadIncrementally: 0,
      ordersRereadById: 0,
    });
    expect((await coverage(storeId)).map((c) => c.day)).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
    first = await report();
    const notInShopify = manifest.discrepancies
      .filter((d) => d.kind === 'not_in_shopify')
      .map((d) => `not_in_shopify:${d.transactionId}:open`)
      .sort();
    expect(first.items).toEqual(notInShopify);
  }, 120_000);

  it('reads only what changed on a second run of the same day, with the same report', async () => {
    const output = await reconcile();
    const second = reads();
    // Nothing changed: one empty page of changed orders, and the one order still without a
    // transaction id read again by id.
    expect(second).toEqual({
      fullPages: 0,
      fullOrders: 0,
      changedPages: 1,
      changedOrders: 0,
      byIdRequests: 1,
      byIdOrders: 1,
    });
    expect(output.shopify).toMatchObject({
      daysReadFully: 0,
      ordersReadFully: 0,
      daysReadIncrementally: 5,
      ordersReadIncrementally: 0,
      ordersRereadById: 1,
    });
    expect(await report()).toEqual(first);
    // The Reconciliation page's run says the same.
    const progress = await call(
      base,
      'GET',
      `/api/reconciliation/runs/${output.reconciliationRunId}`,
    );
    expect(progress.body.summary.shopify).toEqual(output.shopify);
    console.info(
      `Shopify reads of a ${manifest.transactions.length}-transaction day: first run ` +
        `${firstRead.fullPages} pages / ${firstRead.fullOrders} orders; second run ` +
        `${second.changedPages + second.byIdRequests} requests / ` +
        `${second.changedOrders + second.byIdOrders} orders`,
    );
  }, 120_000);

  it('matches an order paid after the last run and one placed after it', async () => {
    // The clocks agree from here on: changes happen after the last run.
    sim.handle.advanceClock(PLACED_BEFORE_MS);
    simOffsetMs = 0;
    const placed = [...sim.handle.state.orders.values()].find(
      (o) => o.poNumber === unpaid.orderRef,
    );
    expect(sim.handle.settings.metafieldsTouchOrder).toBe(false);
    const before = placed!.updatedAt;
    const set = await graphql(
      `
        mutation Pay($m: [MetafieldsSetInput!]!) {
          metafieldsSet(metafields: $m) {
            metafields {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      {
        m: [
          {
            ownerId: `gid://shopify/Order/${placed!.id}`,
            namespace: 'paytrace',
            key: 'transaction_id',
            type: 'single_line_text_field',
            value: unpaid.transactionId,
          },
        ],
      },
    );
    expect(set.data.metafieldsSet.userErrors).toEqual([]);
    // As Shopify may do: the metafield write leaves the order's updatedAt as it was.
    expect(sim.handle.state.orders.get(placed!.id)!.updatedAt).toBe(before);
    await bulk([orderInput(late, true)]);

    const output = await reconcile();
    expect(reads()).toMatchObject({
      fullPages: 0,
      changedPages: 1,
      changedOrders: 1,
      byIdRequests: 1,
      byIdOrders: 1,
    });
    expect(output.shopify).toMatchObject({ ordersReadIncrementally: 1, ordersRereadById: 1 });
    const after = await report();
    const status = (t: ManifestTransaction) =>
      after.items.find((i) => i.startsWith(`not_in_shopify:${t.transactionId}:`));
    expect(status(unpaid)).toBe(`not_in_shopify:${unpaid.transactionId}:resolved`);
    expect(status(late)).toBe(`not_in_shopify:${late.transactionId}:resolved`);
    expect(after.items.filter((i) => i.endsWith(':open'))).toHaveLength(8);
    expect(after.day.shopifyPaid).toBe(first.day.shopifyPaid + unpaid.amount + late.amount);
    // Read by id once paid, the order is no longer read again.
    await reconcile();
    expect(reads()).toMatchObject({ fullPages: 0, byIdRequests: 0 });
  }, 120_000);

  it('leaves the coverage as it was when a read fails midway; the retry reads in full', async () => {
    const res = await call(base, 'POST', '/api/connections', {
      type: 'shopify',
      name: 'Store simulator, no retry budget',
      values: {
        shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
        environment: 'simulator',
        accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0],
        webhookSecret: SHOPIFY_DEMO_CREDENTIALS.webhookSecret,
        retryBudgetSeconds: 0,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const other = res.body.id as string;
    const flow = await createReconciliationFlow(base, 'Reconciliation, second store', {
      connectionId: paytraceId,
      date: DAY,
      timeZone: 'UTC',
      shopifyConnectionId: other,
      postSettlement: false,
    });
    seen = [];
    // Every attempt's third page fails (503, no retry budget left) until the fault is lifted.
    let pages = 0;
    fault = (r) => r.operation === 'ReconcileSettlementOrders' && ++pages % 3 === 0;
    const started = await call(base, 'POST', `/api/flows/${flow}/run`, { payload: {} });
    expect(started.status).toBe(202);
    const deadline = Date.now() + 60_000;
    // Two failed attempts: the second started again from the first page.
    while (seen.filter((s) => s.status === 503).length < 2) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await coverage(other)).toEqual([]);
    const failed = seen.filter((s) => s.status === 503);
    expect(failed.every((s) => s.after !== null)).toBe(true);
    expect(seen.filter((s) => s.status === 200 && s.after === null)).toHaveLength(2);

    fault = null;
    seen = [];
    const done = await waitForRun(base, started.body.runId, undefined, 90_000);
    expect(done.status).toBe('succeeded');
    const retried = reads();
    // Everything again (every order of the store is in the window).
    expect(retried.fullOrders).toBe(sim.handle.state.orders.size);
    expect(retried.changedPages).toBe(0);
    expect(done.steps.at(-1).output.shopify).toMatchObject({
      daysReadFully: 5,
      ordersReadIncrementally: 0,
    });
    expect(await coverage(other)).toHaveLength(5);
  }, 150_000);

  it('reads every order of the window again when asked to', async () => {
    const forced = await createReconciliationFlow(base, 'Reconciliation, re-read', {
      connectionId: paytraceId,
      date: DAY,
      timeZone: 'UTC',
      shopifyConnectionId: storeId,
      postSettlement: false,
      rereadShopifyOrders: true,
    });
    const before = await coverage(storeId);
    const output = await reconcile(forced);
    const read = reads();
    expect(read.changedPages).toBe(0);
    expect(read.byIdRequests).toBe(0);
    expect(read.fullOrders).toBe(sim.handle.state.orders.size);
    expect(output.shopify).toMatchObject({
      daysReadFully: 5,
      ordersReadFully: sim.handle.state.orders.size,
      daysReadIncrementally: 0,
    });
    const after = await coverage(storeId);
    expect(after.map((c) => c.day)).toEqual(before.map((c) => c.day));
    for (const [i, c] of after.entries()) {
      expect(c.read_at.getTime()).toBeGreaterThan(before[i]!.read_at.getTime());
    }
  }, 120_000);
});
