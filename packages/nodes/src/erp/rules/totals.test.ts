import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErpError } from '../errors';
import { balancedJournal, creditMemoTotals, invoiceTotals, splitCreditMemo } from './totals';

const currency = fc.constantFrom('JPY', 'USD', 'KWD');
const line = fc.record({
  description: fc.constant('Item'),
  quantity: fc.integer({ min: 1, max: 50 }),
  unitAmount: fc.integer({ min: 0, max: 10_000_000 }),
});
const charges = fc.record({
  tax: fc.integer({ min: 0, max: 1_000_000 }),
  shipping: fc.integer({ min: 0, max: 1_000_000 }),
  discount: fc.integer({ min: 0, max: 1_000_000 }),
});

function thrown(fn: () => unknown): ErpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ErpError) return err;
    throw err;
  }
  throw new Error('expected an ErpError');
}

describe('invoice totals', () => {
  it('equal the line sums plus tax and shipping minus discounts, in any currency', () => {
    fc.assert(
      fc.property(
        currency,
        fc.array(line, { minLength: 1, maxLength: 20 }),
        charges,
        (cur, lines, c) => {
          const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitAmount, 0);
          fc.pre(c.discount <= subtotal + c.tax + c.shipping);
          const t = invoiceTotals({
            externalRef: 'order-1',
            customerRef: 'cust-1',
            currency: cur,
            date: '2025-01-15',
            lines,
            ...c,
          });
          expect(t.subtotal).toBe(subtotal);
          expect(t.total).toBe(subtotal + c.tax + c.shipping - c.discount);
          expect(t.total).toBeGreaterThanOrEqual(0);
          t.lines.forEach((l, i) =>
            expect(l.amount).toBe(lines[i]!.quantity * lines[i]!.unitAmount),
          );
        },
      ),
    );
  });

  it('refuses a discount larger than the invoice, and names a bad line', () => {
    const base = {
      externalRef: 'o',
      customerRef: 'c',
      currency: 'USD',
      date: '2025-01-15',
      lines: [{ description: 'A', unitAmount: 100 }],
    };
    expect(thrown(() => invoiceTotals({ ...base, discount: 101 })).code).toBe(
      'DISCOUNT_EXCEEDS_TOTAL',
    );
    const bad = thrown(() =>
      invoiceTotals({ ...base, lines: [...base.lines, { description: 'B', unitAmount: 1.5 }] }),
    );
    expect(bad).toMatchObject({ kind: 'validation', line: 1 });
    expect(bad.message).toMatch(/^line 2: lines\.1\.unitAmount/);
    expect(thrown(() => invoiceTotals({ ...base, currency: 'ABC' })).message).toMatch(/currency/);
  });
});

describe('journals', () => {
  it('accept every balanced set of lines', () => {
    fc.assert(
      fc.property(
        currency,
        fc.array(fc.integer({ min: 1, max: 1e9 }), { minLength: 1, maxLength: 10 }),
        (cur, debits) => {
          const total = debits.reduce((a, b) => a + b, 0);
          const j = balancedJournal({
            externalRef: 'batch-1',
            currency: cur,
            date: '2025-01-15',
            lines: [
              ...debits.map((d) => ({ account: 'cash', debit: d })),
              { account: 'card-clearing', credit: total },
            ],
          });
          expect(j.total).toBe(total);
        },
      ),
    );
  });

  it('refuse any unbalanced set, and lines with both or neither side, naming the line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        fc.pre(a !== b);
        const err = thrown(() =>
          balancedJournal({
            externalRef: 'x',
            currency: 'USD',
            date: '2025-01-15',
            lines: [
              { account: 'cash', debit: a },
              { account: 'sales', credit: b },
            ],
          }),
        );
        expect(err.code).toBe('UNBALANCED_JOURNAL');
      }),
    );
    const both = thrown(() =>
      balancedJournal({
        externalRef: 'x',
        currency: 'USD',
        date: '2025-01-15',
        lines: [
          { account: 'cash', debit: 5 },
          { account: 'sales', debit: 5, credit: 5 },
        ],
      }),
    );
    expect(both).toMatchObject({ line: 1, code: 'INVALID_LINE' });
    expect(both.message).toBe('line 2: has both a debit and a credit; use two lines');
  });
});

describe('credit memos', () => {
  it('never drive the invoice or the credit below zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: -5, max: 1e9 }),
        (total, refundSeed, open) => {
          const refund = refundSeed % (total + 1);
          const split = splitCreditMemo(total, refund, open);
          expect(split.applied).toBeGreaterThanOrEqual(0);
          expect(split.applied).toBeLessThanOrEqual(Math.max(open, 0));
          expect(split.remainingCredit).toBeGreaterThanOrEqual(0);
          expect(split.applied + split.refunded + split.remainingCredit).toBe(total);
        },
      ),
    );
  });

  it('refuse a refund larger than the memo', () => {
    const err = thrown(() =>
      creditMemoTotals({
        externalRef: 'r1',
        customerRef: 'c',
        currency: 'USD',
        date: '2025-01-15',
        lines: [{ description: 'A', unitAmount: 100 }],
        refundAmount: 101,
      }),
    );
    expect(err.code).toBe('REFUND_EXCEEDS_TOTAL');
  });
});
