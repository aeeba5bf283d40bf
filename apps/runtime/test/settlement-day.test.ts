import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaytraceSimulator, type DayManifest } from '@paybridge/sandbox';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { freshDatabase, startTestRuntime } from './support';
import { seedSettlementDay, type SeededDay } from './support/settlement-day';

let sql: Sql;
let rt: RuntimeHandle;
let paytrace: Awaited<ReturnType<typeof startPaytraceSimulator>>;
let day: DayManifest;
let seeded: SeededDay;
let elapsed = 0;

const INJECT = {
  missingBooking: 10,
  bookedNotSettled: 10,
  amountMismatch: 10,
  refundWithoutCreditMemo: 10,
  duplicateBooking: 10,
};

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  sql = openSql(url, { max: 2 });
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  const answer = await fetch(`${paytrace.url}/__admin/generate-day`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      date: '2026-03-10',
      orders: 600,
      refundRate: 0.05,
      voidRate: 0.01,
      batches: 20,
      seed: 5,
      discrepancies: { shortDeposit: 10, missingDeposit: 10, feeDifference: 10, notInShopify: 10 },
    }),
  });
  day = (await answer.json()) as DayManifest;
  const started = performance.now();
  seeded = await seedSettlementDay({ sql }, day, INJECT);
  elapsed = performance.now() - started;
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await paytrace?.close();
  await rt?.stop();
});

const kinds = (list: { kind: string }[]) =>
  list.reduce<Record<string, number>>((n, d) => ({ ...n, [d.kind]: (n[d.kind] ?? 0) + 1 }), {});

describe('seedSettlementDay', () => {
  it('lists exactly the discrepancies injected on both sides, each transaction at most once', () => {
    expect(kinds(seeded.expected)).toEqual({
      not_booked: 10,
      not_settled: 10,
      amount_mismatch: 10,
      refund_without_credit_memo: 10,
      duplicate_booking: 10,
      deposit_short: 10,
      deposit_missing: 10,
      fee_difference: 10,
      not_in_shopify: 10,
    });
    const ids = seeded.expected.flatMap((d) => (d.transactionId ? [d.transactionId] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(elapsed).toBeLessThan(60_000);
  });

  it('books every settled sale and refund in the ledger except where a discrepancy says otherwise', async () => {
    const payments = await sql<{ external_ref: string; amount: string; txn_date: string }[]>`
      select external_ref, amount::text, txn_date::text from ledger.payments`;
    const paid = new Map<string, number[]>();
    for (const p of payments) {
      const id = /^(?:paytrace-)?(\d+)$/.exec(p.external_ref)![1]!;
      paid.set(id, [...(paid.get(id) ?? []), Number(p.amount)]);
    }
    const memos = await sql<{ external_ref: string; refunded: string }[]>`
      select external_ref, refunded::text from ledger.credit_memos`;
    const refunded = new Map(
      memos.map((m) => [m.external_ref.slice('paytrace-'.length), Number(m.refunded)]),
    );
    const byKind = (kind: string) =>
      new Map(
        seeded.expected.filter((d) => d.kind === kind).map((d) => [d.transactionId!, d.amount]),
      );
    const [missing, short, doubled, unrefunded] = [
      byKind('not_booked'),
      byKind('amount_mismatch'),
      byKind('duplicate_booking'),
      byKind('refund_without_credit_memo'),
    ];
    for (const tx of day.transactions) {
      if (tx.batchNumber === null) {
        expect(paid.has(tx.transactionId) || refunded.has(tx.transactionId)).toBe(false);
      } else if (tx.type === 'sale') {
        if (missing.has(tx.transactionId)) expect(paid.get(tx.transactionId)).toBeUndefined();
        else if (short.has(tx.transactionId)) {
          expect(paid.get(tx.transactionId)).toEqual([tx.amount - short.get(tx.transactionId)!]);
        } else if (doubled.has(tx.transactionId)) {
          expect(paid.get(tx.transactionId)).toEqual([tx.amount, tx.amount]);
        } else expect(paid.get(tx.transactionId)).toEqual([tx.amount]);
      } else if (unrefunded.has(tx.transactionId))
        expect(refunded.has(tx.transactionId)).toBe(false);
      else expect(refunded.get(tx.transactionId)).toBe(tx.amount);
    }
    const old = payments.filter((p) => p.external_ref.startsWith('paytrace-99000'));
    expect(old).toHaveLength(10);
    expect(new Set(old.map((p) => p.txn_date))).toEqual(new Set(['2026-03-03']));
  });
});
