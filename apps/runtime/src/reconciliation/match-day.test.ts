/**
 * Classification edge cases of the set-based matcher against a real Postgres and the built-in
 * ledger: each kind of difference found once, matches that must not be reported, re-runs that
 * add nothing and resolve what was fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchOptions, StagedTransaction } from '@paybridge/nodes/reconcile/server';
import { freshDatabase } from '../../test/support';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createBuiltInLedger, type BuiltInLedger } from '../ledger/built-in-ledger';
import { createLogger } from '../logger';
import { matchDay } from './match-day';
import { stageBatches, stageShopifyOrders } from './staging';

let sql: Sql;
let ledger: BuiltInLedger;
/** Each test reconciles its own day, months apart, so ledger documents of one stay out of another. */
let DAY = '2026-03-10';
const RUN = '00000000-0000-4000-8000-000000000001';

beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 4);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
  ledger = createBuiltInLedger(sql);
  await ledger.upsertCustomer({ externalRef: 'cust', name: 'Grace Hopper' });
});
afterAll(async () => {
  await sql?.end();
});

async function invoice(ref: string, amount: number, date = DAY) {
  await ledger.createInvoice({
    externalRef: ref,
    customerRef: 'cust',
    currency: 'USD',
    date,
    lines: [{ description: 'Item', unitAmount: amount }],
  });
}

async function payment(ref: string, invoiceRef: string, amount: number, date = DAY) {
  await ledger.recordPayment({ externalRef: ref, invoiceRef, currency: 'USD', amount, date });
}

function tx(
  connection: string,
  id: string,
  kind: 'sale' | 'refund',
  amount: number,
  invoiceId: string,
  extra: Partial<StagedTransaction> = {},
): StagedTransaction {
  return {
    transactionId: id,
    batchNumber: 1,
    businessDate: DAY,
    kind,
    amount,
    currency: 'USD',
    invoiceId,
    brand: 'visa',
    feeExpected: 0,
    feeProcessor: null,
    settledAt: null,
    ...extra,
  };
}

async function stage(connection: string, batch: number, txs: StagedTransaction[], fees = 0) {
  const gross = txs.filter((t) => t.kind === 'sale').reduce((s, t) => s + t.amount, 0);
  const refunds = txs.filter((t) => t.kind === 'refund').reduce((s, t) => s + t.amount, 0);
  await stageBatches(
    sql,
    connection,
    RUN,
    [
      {
        batchNumber: batch,
        businessDate: DAY,
        closedAt: `${DAY}T23:00:00Z`,
        currency: 'USD',
        transactionCount: txs.length,
        gross,
        refunds,
        net: gross - refunds,
      },
    ],
    txs.map((t) => ({ ...t, batchNumber: batch, feeExpected: t.feeExpected || fees })),
  );
}

const options = (connection: string, extra: Partial<MatchOptions> = {}): MatchOptions => ({
  runId: RUN,
  flowRunId: null,
  connection,
  day: DAY,
  notSettledAfterDays: 3,
  bankAccount: null,
  depositWindowDays: 3,
  shopifyConnection: null,
  processorFees: true,
  erp: 'built-in',
  ...extra,
});

async function items(connection: string) {
  return sql<
    { kind: string; transaction_id: string | null; erp_ref: string | null; status: string }[]
  >`
    select kind, transaction_id, erp_ref, status from reconciliation_items
     where connection = ${connection} order by kind, transaction_id, erp_ref`;
}

describe('matching a day in SQL', () => {
  it('reports nothing when every settled transaction is booked once, by reference or by invoice', async () => {
    await invoice('inv-a1', 1000);
    await invoice('inv-a2', 2500);
    await payment('paytrace-A1', 'inv-a1', 1000);
    // No transaction id in the reference: matched by invoice and amount.
    await payment('shopify-pay-a2', 'inv-a2', 2500);
    await ledger.createCreditMemo({
      externalRef: 'paytrace-A3',
      invoiceRef: 'inv-a2',
      currency: 'USD',
      date: DAY,
      lines: [{ description: 'Return', unitAmount: 500 }],
      refundAmount: 500,
    });
    await stage('clean', 11, [
      tx('clean', 'A1', 'sale', 1000, 'inv-a1'),
      tx('clean', 'A2', 'sale', 2500, 'inv-a2'),
      tx('clean', 'A3', 'refund', 500, 'inv-a2'),
    ]);
    const result = await matchDay(sql, options('clean'));
    expect(result.counts).toEqual({});
    expect(result.variance).toBe(0);
    expect(await items('clean')).toEqual([]);
  });

  it('classifies each difference once and keeps a re-run to the same items', async () => {
    DAY = '2026-05-10';
    await invoice('inv-b1', 1000);
    await invoice('inv-b2', 4000);
    await invoice('inv-b3', 3000);
    await invoice('inv-b4', 4000);
    await invoice('inv-b5', 5000, '2026-05-01');
    await payment('paytrace-B1', 'inv-b1', 900); // booked for less than settled
    await payment('paytrace-B2', 'inv-b2', 2000);
    await payment('B2', 'inv-b2', 2000); // a second document naming B2
    await payment('paytrace-B3', 'inv-b3', 1500);
    await payment('manual-b3', 'inv-b3', 1500); // invoice and amount of a matched sale again
    await payment('paytrace-B9', 'inv-b5', 5000, '2026-05-01'); // never settled, 9 days old
    await payment('paytrace-B8', 'inv-b4', 4000, DAY); // not settled yet, too young to report
    await stage('diff', 21, [
      tx('diff', 'B1', 'sale', 1000, 'inv-b1'),
      tx('diff', 'B2', 'sale', 2000, 'inv-b2'),
      tx('diff', 'B3', 'sale', 1500, 'inv-b3'),
      tx('diff', 'B4', 'sale', 700, 'inv-none'), // not booked
      tx('diff', 'B5', 'refund', 300, 'inv-b1'), // refund without credit memo
      tx('diff', 'B6', 'sale', 100, 'inv-none', { feeExpected: 33, feeProcessor: 35 }),
    ]);
    const first = await matchDay(sql, options('diff'));
    expect(first.counts).toEqual({
      amount_mismatch: 1,
      duplicate_booking: 2,
      not_booked: 2,
      refund_without_credit_memo: 1,
      fee_difference: 1,
      not_settled: 1,
    });
    const found = await items('diff');
    expect(found.map((i) => [i.kind, i.transaction_id ?? i.erp_ref])).toEqual([
      ['amount_mismatch', 'B1'],
      ['duplicate_booking', 'B2'],
      ['duplicate_booking', 'B3'],
      ['fee_difference', 'B6'],
      ['not_booked', 'B4'],
      ['not_booked', 'B6'],
      ['not_settled', 'B9'],
      ['refund_without_credit_memo', 'B5'],
    ]);
    const again = await matchDay(sql, options('diff'));
    expect(again.counts).toEqual(first.counts);
    expect(await items('diff')).toEqual(found);
  });

  it('resolves an open item a later run no longer finds, and leaves resolved items resolved', async () => {
    DAY = '2026-07-10';
    await invoice('inv-c1', 1200);
    await stage('fix', 31, [tx('fix', 'C1', 'sale', 1200, 'inv-c1')]);
    await matchDay(sql, options('fix'));
    expect((await items('fix')).map((i) => [i.kind, i.status])).toEqual([['not_booked', 'open']]);
    await payment('paytrace-C1', 'inv-c1', 1200);
    const after = await matchDay(sql, options('fix'));
    expect(after.openItems).toBe(0);
    expect((await items('fix')).map((i) => [i.kind, i.status])).toEqual([
      ['not_booked', 'resolved'],
    ]);
  });

  it('keeps the run that found an item when a later run finds it unchanged, and names the run that found it changed', async () => {
    DAY = '2027-01-10';
    const second = '00000000-0000-4000-8000-000000000002';
    const third = '00000000-0000-4000-8000-000000000003';
    await invoice('inv-r1', 1500);
    await invoice('inv-r2', 1600);
    await payment('paytrace-R2', 'inv-r2', 1550);
    await stage('rerun', 36, [
      tx('rerun', 'R1', 'sale', 1500, 'inv-r1'),
      tx('rerun', 'R2', 'sale', 1600, 'inv-r2'),
    ]);
    const runs = () => sql<{ kind: string; run_id: string; actual: string | null }[]>`
      select kind, run_id, actual from reconciliation_items
       where connection = 'rerun' order by kind`;
    await matchDay(sql, options('rerun'));
    await matchDay(sql, options('rerun', { runId: second }));
    expect(await runs()).toEqual([
      { kind: 'amount_mismatch', run_id: RUN, actual: '1550' },
      { kind: 'not_booked', run_id: RUN, actual: null },
    ]);
    // The payment corrected to yet another amount: the same item, found changed by the third run.
    await sql`update ledger.payments set amount = 1500 where external_ref = 'paytrace-R2'`;
    await matchDay(sql, options('rerun', { runId: third }));
    expect(await runs()).toEqual([
      { kind: 'amount_mismatch', run_id: third, actual: '1500' },
      { kind: 'not_booked', run_id: RUN, actual: null },
    ]);
  });

  it('checks Shopify orders by the transaction they carry', async () => {
    DAY = '2026-09-10';
    await invoice('inv-d1', 800);
    await invoice('inv-d2', 900);
    await payment('paytrace-D1', 'inv-d1', 800);
    await payment('paytrace-D2', 'inv-d2', 900);
    await stage('shop', 41, [
      tx('shop', 'D1', 'sale', 800, 'inv-d1'),
      tx('shop', 'D2', 'sale', 900, 'inv-d2'),
    ]);
    await stageShopifyOrders(sql, 'store', [
      {
        orderId: '9001',
        name: '#9001',
        transactionId: 'D1',
        amount: 800,
        currency: 'USD',
        createdAt: `${DAY}T10:00:00Z`,
      },
    ]);
    // Another store's order naming D2 says nothing about this store.
    await stageShopifyOrders(sql, 'other-store', [
      {
        orderId: '7001',
        name: '#7001',
        transactionId: 'D2',
        amount: 900,
        currency: 'USD',
        createdAt: `${DAY}T11:00:00Z`,
      },
    ]);
    const result = await matchDay(sql, options('shop', { shopifyConnection: 'store' }));
    expect(result.counts).toEqual({ not_in_shopify: 1 });
    const [missing] = await sql<{ transaction_id: string }[]>`
      select transaction_id from reconciliation_items
       where connection = 'shop' and kind = 'not_in_shopify'`;
    expect(missing!.transaction_id).toBe('D2');
    const [day] = await sql<{ shopify_paid: string }[]>`
      select shopify_paid from reconciliation_days where connection = 'shop'`;
    expect(Number(day!.shopify_paid)).toBe(800);
  });

  it('reads the PayTrace transaction a document names by one rule, for ledger and remote documents alike', async () => {
    DAY = '2027-01-10';
    const refs = [
      'paytrace-E1',
      'paytrace-E1-retry',
      'E2',
      'paytrace-E3:2',
      'paytrace-E4#x',
      'shopify-refund-7',
      'paytrace-',
    ];
    const rule = await sql<{ ref: string }[]>`
      select public.paytrace_ref_of(r) as ref from unnest(${refs}::text[]) with ordinality u(r, i)
       order by i`;
    expect(rule.map((r) => r.ref)).toEqual([
      'E1',
      'E1',
      'E2',
      'E3',
      'E4',
      'shopify-refund-7',
      'paytrace-',
    ]);
    await invoice('inv-e1', 2000); // room for the second payment
    await invoice('inv-e2', 2000);
    await invoice('inv-e3', 3000);
    const booked = [
      { ref: 'paytrace-E1', invoice: 'inv-e1', amount: 1000 },
      { ref: 'paytrace-E1-retry', invoice: 'inv-e1', amount: 1000 }, // E1 booked a second time
      { ref: 'E2', invoice: 'inv-e2', amount: 2000 },
      { ref: 'paytrace-E3:2', invoice: 'inv-e3', amount: 3000 },
    ];
    for (const b of booked) await payment(b.ref, b.invoice, b.amount);
    // The ledger's stored reference is the rule's answer.
    const stored = await sql<{ same: boolean }[]>`
      select bool_and(paytrace_ref = public.paytrace_ref_of(external_ref)) as same
        from ledger.payments where txn_date = ${DAY}::date`;
    expect(stored[0]?.same).toBe(true);
    await stage('rule', 61, [
      tx('rule', 'E1', 'sale', 1000, 'inv-e1'),
      tx('rule', 'E2', 'sale', 2000, 'inv-e2'),
      tx('rule', 'E3', 'sale', 3000, 'inv-e3'),
    ]);
    const expected = [
      {
        kind: 'duplicate_booking',
        transaction_id: 'E1',
        erp_ref: 'paytrace-E1-retry',
        status: 'open',
      },
    ];
    const inLedger = await matchDay(sql, options('rule'));
    expect(inLedger.counts).toEqual({ duplicate_booking: 1 });
    expect(await items('rule')).toEqual(expected);
    // The same documents staged from a remote ERP are read alike.
    const remote = await matchDay(
      sql,
      options('rule', {
        erp: 'quickbooks',
        documents: booked.map((b) => ({
          kind: 'sale' as const,
          externalRef: b.ref,
          amount: b.amount,
          date: DAY,
          invoiceRef: b.invoice,
        })),
      }),
    );
    expect(remote.counts).toEqual({ duplicate_booking: 1 });
    expect(await items('rule')).toEqual(expected);
  });

  it('matches deposits by amount in the window, and tells short from missing', async () => {
    DAY = '2026-11-10';
    const [statement] = await sql<{ id: string }[]>`
      insert into reconciliation_statements (account, format) values ('bank', 'csv') returning id`;
    const line = (on: string, amount: number, reference: string) => sql`
      insert into reconciliation_bank_lines (statement_id, account, booked_on, amount, currency,
             reference, line_hash)
      values (${statement!.id}, 'bank', ${on}::date, ${amount}, 'USD', ${reference},
              ${`${on}|${amount}|${reference}`})`;
    for (const [connection, batch, amount] of [
      ['dep-ok', 51, 10_000],
      ['dep-short', 52, 20_000],
      ['dep-missing', 53, 30_000],
    ] as const) {
      await invoice(`inv-${connection}`, amount);
      await payment(`paytrace-${connection}`, `inv-${connection}`, amount);
      await stage(
        connection,
        batch,
        [tx(connection, connection, 'sale', amount, `inv-${connection}`)],
        300,
      );
    }
    await line('2026-11-11', 9_700, 'PAYTRACE DEPOSIT');
    await line('2026-11-12', 19_000, 'PAYTRACE 52');
    await line('2026-11-20', 1, 'later line: the statement covers the window');
    const ok = await matchDay(sql, options('dep-ok', { bankAccount: 'bank' }));
    expect(ok.counts).toEqual({});
    const short = await matchDay(sql, options('dep-short', { bankAccount: 'bank' }));
    expect(short.counts).toEqual({ deposit_short: 1 });
    const missing = await matchDay(sql, options('dep-missing', { bankAccount: 'bank' }));
    expect(missing.counts).toEqual({ deposit_missing: 1 });
  });
});
