/**
 * Settlement reconciliation end to end, over real HTTP and the real Postgres: a generated day of
 * 2,000 orders at the PayTrace simulator (5% refunds, 1% voids, 20 batches), its orders in the
 * Shopify simulator, its ERP side booked in the built-in ledger, 10 discrepancies of every kind
 * injected on both sides, the bank statement uploaded. The reconciliation flow must report every
 * discrepancy exactly once and nothing else, post one balanced settlement entry per batch equal to
 * PayTrace's net, and post nothing twice when the day is reconciled again (replay, on demand).
 */
import {
  shopifyOrdersForDay,
  startPaytraceSimulator,
  startShopifySimulator,
  type DayManifest,
  type RunningPaytraceSimulator,
  type RunningShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { createShopifyConnection } from './support/shopify-connection';
import {
  createReconciliationFlow,
  feeStatementOf,
  generateDay,
  runReconciliation,
  seedSettlementDay,
  type SeededDay,
} from './support/settlement-day';

const DAY = '2026-03-10';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let paytrace: RunningPaytraceSimulator;
let shopify: RunningShopifySimulator;
let manifest: DayManifest;
let seeded: SeededDay;
let flowId: string;
let firstRunId: string;
let paytraceId: string;
let storeId: string;

const INJECT = {
  missingBooking: 10,
  bookedNotSettled: 10,
  amountMismatch: 10,
  refundWithoutCreditMemo: 10,
  duplicateBooking: 10,
};

/** What an item or an expected discrepancy is about: its kind and transaction or batch. */
const keyOf = (d: { kind: string; transactionId?: string | null; batchNumber?: number | null }) =>
  `${d.kind}:${d.transactionId ?? `batch-${d.batchNumber}`}`;

async function allItems(query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await call(
      base,
      'GET',
      `/api/reconciliation/items?date=${DAY}&limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (!cursor) return items;
  }
}

async function journals() {
  return sql<{ external_ref: string; debit: string; credit: string; cash: string; fees: string }[]>`
    select e.external_ref, sum(l.debit)::text as debit, sum(l.credit)::text as credit,
           (coalesce(sum(l.debit) filter (where a.role = 'cash'), 0)
            - coalesce(sum(l.credit) filter (where a.role = 'cash'), 0))::text as cash,
           coalesce(sum(l.debit) filter (where a.role = 'merchant-fees'), 0)::text as fees
      from ledger.journal_entries e
      join ledger.journal_lines l on l.entry_id = e.id
      join ledger.accounts a on a.id = l.account_id
     where e.external_ref like 'settlement-%'
     group by e.external_ref order by e.external_ref`;
}

beforeAll(async () => {
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  // 2,000 orders cost 8,000 query points: a Plus store's bucket reads them in seconds (a
  // Standard store's in about 80 s, throttled, not failed).
  shopify = await startShopifySimulator({ port: 0, settings: { plan: 'plus' } });
  const url = await freshDatabase();
  rt = await startTestRuntime(url, {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: paytrace.url,
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: shopify.url,
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
    seed: 16,
    discrepancies: { shortDeposit: 10, missingDeposit: 10, feeDifference: 10, notInShopify: 10 },
  });
  const orders = await fetch(`${shopify.url}/__admin/orders/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(shopifyOrdersForDay(manifest)),
  });
  expect(orders.status).toBe(201);
  seeded = await seedSettlementDay({ sql }, manifest, INJECT);

  const statement = await fetch(
    `${paytrace.url}/__admin/bank-statement?from=${DAY}&to=2026-03-16&format=csv`,
  ).then((r) => r.text());
  const upload = await call(base, 'POST', '/api/reconciliation/statements', {
    format: 'csv',
    account: 'operating',
    filename: 'deposits.csv',
    text: statement,
  });
  expect(upload.status).toBe(201);
  const feeStatement = await feeStatementOf(paytrace.url, DAY);

  paytraceId = await createPaytraceConnection(base);
  storeId = await createShopifyConnection(base);
  flowId = await createReconciliationFlow(base, 'Settlement reconciliation', {
    connectionId: paytraceId,
    date: DAY,
    timeZone: 'UTC',
    shopifyConnectionId: storeId,
    notSettledAfterDays: 3,
    feeSchedule: {
      currency: 'USD',
      default: { percentBp: 290, fixedMinor: 30 },
      brands: {
        amex: { percentBp: 350, fixedMinor: 15 },
        discover: { percentBp: 275, fixedMinor: 30 },
      },
    },
    processorFees: feeStatement,
    bankAccount: 'operating',
    depositWindowDays: 3,
  });
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await rt?.stop();
  await paytrace?.close();
  await shopify?.close();
});

describe('settlement reconciliation of a generated day', () => {
  it('reports every injected discrepancy exactly once and nothing else', async () => {
    const started = performance.now();
    firstRunId = await runReconciliation(base, flowId);
    expect(performance.now() - started).toBeLessThan(30_000);

    const items = await allItems();
    const found = items.map(keyOf).sort();
    const expected = seeded.expected.map(keyOf).sort();
    expect(found).toEqual(expected);
    expect(new Set(found).size).toBe(found.length);
    for (const item of items) {
      expect(item).toMatchObject({
        status: 'open',
        flowRunId: firstRunId,
        runId: expect.any(String),
      });
    }
    const kinds = await call(base, 'GET', `/api/reconciliation/items?date=${DAY}&kind=not_booked`);
    expect(kinds.body.items).toHaveLength(10);
    expect(kinds.body.counts).toMatchObject({ not_booked: 10, deposit_short: 10 });
  }, 90_000);

  it('posts one balanced settlement entry per batch, equal to PayTrace net', async () => {
    const posted = await journals();
    expect(posted).toHaveLength(manifest.batches.filter((b) => b.closedOn === DAY).length);
    const byRef = new Map(posted.map((j) => [j.external_ref, j]));
    for (const batch of manifest.batches.filter((b) => b.closedOn === DAY)) {
      const j = byRef.get(`settlement-${batch.number}`)!;
      expect(j.debit).toBe(j.credit);
      expect(Number(j.cash) + Number(j.fees)).toBe(batch.net);
      expect(Number(j.fees)).toBe(batch.fees);
    }
    const day = await call(base, 'GET', `/api/reconciliation/days/${DAY}`);
    expect(day.status).toBe(200);
    const nets = manifest.batches.filter((b) => b.closedOn === DAY);
    expect(day.body.day.paytrace.net).toBe(nets.reduce((s, b) => s + b.net, 0));
    expect(day.body.day.openItems).toBe(seeded.expected.length);
    expect(day.body.batches.every((b: any) => b.journalRef === `settlement-${b.batchNumber}`)).toBe(
      true,
    );
  });

  it('posts nothing twice and finds nothing new when the day is replayed or run on demand', async () => {
    const before = await journals();
    const replay = await call(base, 'POST', `/api/runs/${firstRunId}/replay`, {});
    expect(replay.status).toBe(202);
    const replayed = await waitForRun(base, replay.body.runId, undefined, 60_000);
    expect(replayed.status).toBe('succeeded');

    const onDemand = await call(base, 'POST', '/api/reconciliation/runs', {
      flowId,
      from: DAY,
      to: DAY,
    });
    expect(onDemand.status).toBe(202);
    await waitForRun(base, onDemand.body.flowRunId, undefined, 60_000);
    const progress = await call(
      base,
      'GET',
      `/api/reconciliation/runs/${onDemand.body.reconciliationRunId}`,
    );
    expect(progress.body).toMatchObject({ status: 'succeeded', from: DAY, to: DAY });
    expect(progress.body.done).toBe(progress.body.total);
    expect(progress.body.total).toBeGreaterThan(1);

    expect(await journals()).toEqual(before);
    const items = await allItems();
    expect(items.map(keyOf).sort()).toEqual(seeded.expected.map(keyOf).sort());
    expect(items.every((i) => i.status === 'open')).toBe(true);
  }, 120_000);

  it('books a missing payment once and resolves items with a note, audited', async () => {
    const [missing] = await allItems('&kind=not_booked');
    const first = await call(
      base,
      'POST',
      `/api/reconciliation/items/${missing.id}/create-missing-document`,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      document: {
        type: 'payment',
        externalRef: `paytrace-${missing.transactionId}`,
        created: true,
      },
      item: { status: 'resolved', documentRef: `paytrace-${missing.transactionId}` },
    });
    const again = await call(
      base,
      'POST',
      `/api/reconciliation/items/${missing.id}/create-missing-document`,
    );
    expect(again.body.document).toMatchObject({ created: false, id: first.body.document.id });
    const [payments] = await sql<{ n: number }[]>`
      select count(*)::int as n from ledger.payments
       where external_ref = ${`paytrace-${missing.transactionId}`}`;
    expect(payments!.n).toBe(1);

    const [short] = await allItems('&kind=deposit_short');
    const resolved = await call(base, 'POST', `/api/reconciliation/items/${short.id}/resolve`, {
      note: 'Bank confirmed the chargeback hold',
    });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      note: 'Bank confirmed the chargeback hold',
    });
    const empty = await call(base, 'POST', `/api/reconciliation/items/${short.id}/resolve`, {
      note: '',
    });
    expect(empty.status).toBe(400);
    const audit = await call(base, 'GET', '/api/audit?action=reconciliation.item.resolve');
    expect(JSON.stringify(audit.body)).toContain(short.id);

    const csv = await fetch(`${base}/api/reconciliation/days/${DAY}/report.csv`, {
      headers: { authorization: `Bearer pbt_test-admin-token-0123456789abcdef` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n').filter((l) => l.startsWith('item,'))).toHaveLength(
      seeded.expected.length,
    );
  });

  it('installs the Settlement reconciliation template through the install API', async () => {
    const installed = await call(base, 'POST', '/api/templates/settlement-reconciliation/install', {
      connections: { paytrace: paytraceId, shopify: storeId },
      parameters: { timeZone: 'America/Phoenix', bankAccount: 'operating' },
      activate: true,
    });
    expect(installed.status, JSON.stringify(installed.body)).toBe(201);
    const flow = await call(base, 'GET', `/api/flows/${installed.body.flows[0].id}`);
    const nodes = flow.body.version.graph.nodes as { id: string; type: string; config: any }[];
    // No mail server chosen: the exceptions email is left out of the installed flow.
    expect(nodes.map((n) => n.type)).toEqual(['trigger.schedule', 'reconcile.settlement']);
    expect(nodes[0]!.config).toMatchObject({ cron: '0 6 * * *', timezone: 'America/Phoenix' });
    expect(nodes[1]!.config).toMatchObject({
      connectionId: paytraceId,
      shopifyConnectionId: storeId,
      timeZone: 'America/Phoenix',
      bankAccount: 'operating',
      notSettledAfterDays: 3,
    });
    expect(nodes[1]!.config.erpConnectionId ?? '').toBe('');
  });
});
