/**
 * Settlement reconciliation with QuickBooks Online as the ERP, over real HTTP and the real
 * Postgres: a generated day of 40 orders at the PayTrace simulator, its ERP side booked in the
 * QuickBooks simulator through the QuickBooks adapter (invoices, payments, refund receipts) with
 * one payment left out and one booked short. The reconciliation reads QuickBooks' documents of
 * the window in bulk, must report exactly those two differences once, post each batch as one
 * Deposit (card clearing to the bank for the net, fees as a negative line to the fees expense),
 * and post nothing twice when the day runs again; the missing payment is then booked in
 * QuickBooks once from its item.
 */
import { createQuickbooksAdapter, memoryTokenStore } from '@paybridge/nodes/erp/server';
import {
  QUICKBOOKS_DEMO_APP,
  startPaytraceSimulator,
  startQuickbooksSimulator,
  type DayManifest,
  type ManifestTransaction,
  type RunningPaytraceSimulator,
  type RunningQuickbooksSimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection } from './paytrace-support';
import { call, freshDatabase, startTestRuntime } from './support';
import {
  bookSettlementDay,
  createReconciliationFlow,
  feeStatementOf,
  generateDay,
  planSettlementDay,
  runReconciliation,
} from './support/settlement-day';

const DAY = '2026-03-10';

let rt: RuntimeHandle;
let base: string;
let paytrace: RunningPaytraceSimulator;
let qbo: RunningQuickbooksSimulator;
let manifest: DayManifest;
let flowId: string;
/** The sale left unpaid and the one paid short in QuickBooks. */
let missing: ManifestTransaction;
let short: ManifestTransaction;
let shortBy: number;

/** A QuickBooks connection to the simulator's company, with a fresh refresh token. */
const quickbooksValues = () => ({
  environment: 'simulator' as const,
  clientId: QUICKBOOKS_DEMO_APP.clientId,
  clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
  realmId: qbo.handle.realmId,
  refreshToken: qbo.handle.connect().refreshToken,
  baseUrl: qbo.url,
});
const dayBatches = () => manifest.batches.filter((b) => b.closedOn === DAY);
const deposits = () =>
  qbo.handle
    .entities('Deposit')
    .filter((d) => String(d.PrivateNote ?? '').startsWith('paybridge:journal:settlement-'));

async function items(): Promise<any[]> {
  const page = await call(base, 'GET', `/api/reconciliation/items?date=${DAY}&limit=200`);
  expect(page.status).toBe(200);
  return page.body.items;
}

beforeAll(async () => {
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  qbo = await startQuickbooksSimulator();
  const url = await freshDatabase();
  rt = await startTestRuntime(url, {
    env: { PAYBRIDGE_PAYTRACE_SIMULATOR_URL: paytrace.url },
  });
  base = rt.url!;

  manifest = await generateDay(paytrace.url, {
    date: DAY,
    orders: 40,
    refundRate: 0.1,
    voidRate: 0.05,
    batches: 2,
    seed: 7,
  });
  // The day's ERP side, booked in QuickBooks through its adapter as the posting nodes book it,
  // one payment left out and one booked short.
  const plan = planSettlementDay(manifest, { missingBooking: 1, amountMismatch: 1 });
  const erp = createQuickbooksAdapter(quickbooksValues(), {
    tokens: memoryTokenStore(),
    backoffMs: 10,
  });
  await bookSettlementDay(erp, plan);
  const sale = (kind: string) => {
    const id = plan.expected.find((d) => d.kind === kind)!.transactionId;
    return manifest.transactions.find((t) => t.transactionId === id)!;
  };
  missing = sale('not_booked');
  short = sale('amount_mismatch');
  shortBy = plan.expected.find((d) => d.kind === 'amount_mismatch')!.amount;
  const feeStatement = await feeStatementOf(paytrace.url, DAY);

  const paytraceId = await createPaytraceConnection(base);
  const books = await call(base, 'POST', '/api/connections', {
    type: 'quickbooks',
    name: 'Books',
    values: quickbooksValues(),
  });
  expect(books.status, JSON.stringify(books.body)).toBe(201);
  flowId = await createReconciliationFlow(base, 'Settlement reconciliation (QuickBooks)', {
    connectionId: paytraceId,
    erpConnectionId: books.body.id,
    date: DAY,
    timeZone: 'UTC',
    notSettledAfterDays: 3,
    processorFees: feeStatement,
  });
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  await paytrace?.close();
  await qbo?.close();
});

describe('settlement reconciliation against QuickBooks Online', () => {
  it('reports the missing payment and the short one exactly once, and nothing else', async () => {
    await runReconciliation(base, flowId);

    const found = (await items()).map((i) => ({
      kind: i.kind,
      transactionId: i.transactionId,
      expected: i.expected,
      actual: i.actual,
    }));
    expect(found.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      {
        kind: 'amount_mismatch',
        transactionId: short.transactionId,
        expected: short.amount,
        actual: short.amount - shortBy,
      },
      {
        kind: 'not_booked',
        transactionId: missing.transactionId,
        expected: missing.amount,
        actual: null,
      },
    ]);
  }, 90_000);

  it('posts each batch once as a Deposit: the net to the bank, fees as a negative line', async () => {
    const posted = deposits();
    expect(posted).toHaveLength(dayBatches().length);
    expect(dayBatches().length).toBeGreaterThan(0);
    // The day has fees and refunds to move, so every line kind is proven.
    expect(dayBatches().some((b) => b.fees > 0)).toBe(true);
    expect(dayBatches().some((b) => b.refunds > 0)).toBe(true);
    for (const batch of dayBatches()) {
      const deposit = posted.find(
        (d) =>
          d.PrivateNote ===
          `paybridge:journal:settlement-${batch.number};memo=${encodeURIComponent(`PayTrace settlement batch ${batch.number}`)}`,
      )!;
      expect(deposit, `batch ${batch.number}`).toBeDefined();
      expect(deposit.DepositToAccountRef).toMatchObject({ name: 'Checking' });
      expect(Math.round(Number(deposit.TotalAmt) * 100)).toBe(batch.net - batch.fees);
      const lines = deposit.Line as any[];
      const fees = lines.filter((l) => l.DepositLineDetail.AccountRef.name === 'Bank Charges');
      if (batch.fees > 0) {
        expect(fees.map((l) => Math.round(l.Amount * 100))).toEqual([-batch.fees]);
      }
      const clearing = lines.filter(
        (l) => l.DepositLineDetail.AccountRef.name === 'Undeposited Funds',
      );
      expect(clearing.reduce((s, l) => s + Math.round(l.Amount * 100), 0)).toBe(batch.net);
    }
    const day = await call(base, 'GET', `/api/reconciliation/days/${DAY}`);
    expect(day.status).toBe(200);
    expect(day.body.day.paytrace.net).toBe(dayBatches().reduce((s, b) => s + b.net, 0));
    expect(day.body.batches.every((b: any) => b.journalRef === `settlement-${b.batchNumber}`)).toBe(
      true,
    );
  });

  it('posts nothing twice and reports nothing new when the day runs again', async () => {
    const before = deposits().map((d) => d.Id);
    const itemsBefore = (await items()).map((i) => i.id).sort();
    await runReconciliation(base, flowId);
    expect(deposits().map((d) => d.Id)).toEqual(before);
    expect((await items()).map((i) => i.id).sort()).toEqual(itemsBefore);
  }, 90_000);

  it('books the missing payment in QuickBooks once from the item', async () => {
    const item = (await items()).find((i) => i.kind === 'not_booked')!;
    const path = `/api/reconciliation/items/${item.id}/create-missing-document`;
    const first = await call(base, 'POST', path);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      document: {
        type: 'payment',
        externalRef: `paytrace-${missing.transactionId}`,
        created: true,
      },
      item: { status: 'resolved' },
    });
    const again = await call(base, 'POST', path);
    expect(again.body.document).toMatchObject({ created: false, id: first.body.document.id });
    const booked = qbo.handle
      .entities('Payment')
      .filter((p) => p.PrivateNote === `paybridge:payment:paytrace-${missing.transactionId}`);
    expect(booked).toHaveLength(1);
    expect(Math.round(Number(booked[0]!.TotalAmt) * 100)).toBe(missing.amount);
  });
});
