import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaytraceSimulator } from '../start.js';
import type { DayManifest } from './manifest.js';

type Sim = Awaited<ReturnType<typeof startPaytraceSimulator>>;
let sim: Sim;
const now = () => Date.UTC(2026, 2, 20, 12, 0, 0);

beforeAll(async () => {
  sim = await startPaytraceSimulator({ clock: now });
});
afterAll(() => sim.close());

async function generate(target: Sim, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${target.url}/__admin/generate-day`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const DAY = {
  date: '2026-03-10',
  timeZone: 'America/Los_Angeles',
  cutOff: '22:00',
  orders: 2000,
  refundRate: 0.05,
  voidRate: 0.01,
  declineRate: 0.03,
  seed: 7,
  batches: 20,
  discrepancies: { shortDeposit: 10, missingDeposit: 5, feeDifference: 10, notInShopify: 10 },
};

describe('a generated day', () => {
  let day: DayManifest;
  let elapsed = 0;

  beforeAll(async () => {
    sim.handle.reset();
    const started = performance.now();
    const answer = await generate(sim, DAY);
    elapsed = performance.now() - started;
    expect(answer.status).toBe(200);
    day = answer.body;
  });

  it('makes 2,000 orders with 5 % refunds, 1 % voids and 3 % declines quickly', () => {
    const count = (type: string) => day.transactions.filter((t) => t.type === type).length;
    const todays = day.transactions.filter((t) => t.createdAt >= '2026-03-10T07:00:00Z');
    expect(todays.filter((t) => t.type === 'sale' || t.type === 'void')).toHaveLength(2000);
    expect(count('void')).toBe(20);
    expect(count('decline')).toBe(60);
    expect(count('refund')).toBe(100);
    expect(elapsed).toBeLessThan(1500);
  });

  it('settles sales and refunds, never voids or declines, in batches up to the local cut-off', () => {
    for (const tx of day.transactions) {
      if (tx.type === 'void' || tx.type === 'decline') expect(tx.batchNumber).toBeNull();
      else expect(tx.batchNumber).not.toBeNull();
    }
    const todays = day.batches.filter((b) => b.closedOn === '2026-03-10');
    expect(todays).toHaveLength(20);
    // 22:00 in Los Angeles on 10 March 2026 (PDT, DST began 8 March) is 05:00 UTC on the 11th.
    expect(todays.at(-1)?.closedAt).toBe('2026-03-11T05:00:00.000Z');
    for (const batch of day.batches) {
      const txs = day.transactions.filter((t) => t.batchNumber === batch.number);
      const sum = (type: string) =>
        txs.filter((t) => t.type === type).reduce((s, t) => s + t.amount, 0);
      expect([batch.count, batch.gross, batch.refunds]).toEqual([
        txs.length,
        sum('sale'),
        sum('refund'),
      ]);
      expect(batch.net).toBe(batch.gross - batch.refunds);
      expect(batch.fees).toBe(txs.reduce((s, t) => s + t.fee, 0));
      expect(batch.expectedDeposit).toBe(batch.net - batch.fees);
    }
  });

  it('refunds only sales settled before the refund, never more than was captured', () => {
    const byId = new Map(day.transactions.map((t) => [t.transactionId, t]));
    const closed = new Map(day.batches.map((b) => [b.number, b.closedAt]));
    const refunded = new Map<string, number>();
    for (const refund of day.transactions.filter((t) => t.type === 'refund')) {
      const sale = byId.get(refund.refundOf!)!;
      expect(sale.type).toBe('sale');
      expect(closed.get(sale.batchNumber!)! < refund.createdAt).toBe(true);
      expect(refund.orderRef).toBe(sale.orderRef);
      refunded.set(sale.transactionId, (refunded.get(sale.transactionId) ?? 0) + refund.amount);
    }
    for (const [id, amount] of refunded) expect(amount).toBeLessThanOrEqual(byId.get(id)!.amount);
  });

  it('injects exactly the discrepancies asked for and reflects them in the deposits', () => {
    const kinds = day.discrepancies.map((d) => d.kind);
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    expect([
      count('deposit_short'),
      count('deposit_missing'),
      count('fee_difference'),
      count('not_in_shopify'),
    ]).toEqual([10, 5, 10, 10]);
    for (const d of day.discrepancies) {
      const deposit = day.deposits.find((x) => x.batchNumber === d.batchNumber)!;
      if (d.kind === 'deposit_short')
        expect(deposit).toMatchObject({ status: 'short', amount: deposit.expected - d.amount });
      if (d.kind === 'deposit_missing')
        expect(deposit).toMatchObject({ status: 'missing', amount: null, expected: d.amount });
    }
    const outside = day.transactions.filter((t) => !t.inShopify && t.type === 'sale');
    expect(outside.map((t) => t.transactionId).sort()).toEqual(
      day.discrepancies
        .filter((d) => d.kind === 'not_in_shopify')
        .map((d) => d.transactionId)
        .sort(),
    );
    expect(
      day.deposits.filter((d) => d.status === 'ok').every((d) => d.amount === d.expected),
    ).toBe(true);
  });

  it('is the same day again for the same seed', async () => {
    const again = await startPaytraceSimulator({ clock: now });
    try {
      const answer = await generate(again, DAY);
      expect(answer.body).toEqual(day);
    } finally {
      await again.close();
    }
  });

  it('renders the deposits as a bank statement and the fees as the processor statement', async () => {
    const get = (path: string) => fetch(`${sim.url}${path}`).then((r) => r.text());
    const csv = await get('/__admin/bank-statement?from=2026-03-11&to=2026-03-11&format=csv');
    const lines = csv.trim().split('\r\n');
    const expected = day.deposits.filter((d) => d.bookedOn === '2026-03-11' && d.amount !== null);
    expect(lines[0]).toBe('Date,Description,Reference,Amount');
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[1]).toMatch(
      /^03\/11\/2026,"PAYTRACE MERCH DEP BATCH \d+",PT-BATCH-\d+,-?\d+\.\d\d$/,
    );
    const ofx = await get('/__admin/bank-statement?from=2026-03-11&to=2026-03-11&format=ofx');
    expect(ofx.match(/<STMTTRN>/g)).toHaveLength(expected.length);
    const camt = await get('/__admin/bank-statement?from=2026-03-11&to=2026-03-11&format=camt053');
    expect(camt.match(/<Ntry>/g)).toHaveLength(expected.length);
    const fees = (await get('/__admin/fee-statement?from=2026-03-10&to=2026-03-10'))
      .trim()
      .split('\r\n');
    const settledToday = day.transactions.filter(
      (t) =>
        t.batchNumber !== null &&
        day.batches.find((b) => b.number === t.batchNumber)?.closedOn === '2026-03-10',
    );
    expect(fees).toHaveLength(settledToday.length + 1);
  });
});

describe('generate-day input', () => {
  it('answers 422 with what is wrong', async () => {
    const answer = await generate(sim, {
      date: '2026-02-30',
      orders: -1,
      timeZone: 'Mars/Base',
      discrepancies: { shortDeposit: 2 },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'date',
      'discrepancies',
      'orders',
      'timeZone',
    ]);
    const tooMany = await generate(sim, {
      date: '2026-03-10',
      orders: 10,
      discrepancies: { shortDeposit: 2 },
    });
    expect(tooMany.body.errors).toEqual([
      {
        path: 'discrepancies',
        message: 'short and missing deposits need a batch each: raise `batches`',
      },
    ]);
    const range = await fetch(`${sim.url}/__admin/bank-statement?from=2026-03-12&to=2026-03-11`);
    expect(range.status).toBe(422);
  });
});
