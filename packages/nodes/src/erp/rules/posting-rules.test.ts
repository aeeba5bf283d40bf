import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CHART } from './accounts';
import {
  canMoveDispute,
  creditMemoPosting,
  disputePosting,
  invoicePosting,
  paymentPosting,
  refundPosting,
  type RoleLine,
} from './posting-rules';

const amount = fc.integer({ min: 0, max: 1e12 });
const balanced = (lines: RoleLine[]) =>
  lines.reduce((s, l) => s + l.debit, 0) === lines.reduce((s, l) => s + l.credit, 0);

describe('posting rules', () => {
  it('every document journal balances, for any amounts', () => {
    fc.assert(
      fc.property(amount, amount, amount, amount, (subtotal, tax, shipping, discountSeed) => {
        const discount = discountSeed % (subtotal + tax + shipping + 1);
        const t = {
          subtotal,
          tax,
          shipping,
          discount,
          total: subtotal + tax + shipping - discount,
        };
        for (const lines of [
          invoicePosting(t),
          creditMemoPosting(t),
          paymentPosting(subtotal),
          refundPosting(tax),
          disputePosting('open', shipping + 1),
          disputePosting('won', shipping + 1),
          disputePosting('lost', shipping + 1),
        ]) {
          expect(balanced(lines)).toBe(true);
          for (const l of lines) expect(l.debit === 0 || l.credit === 0).toBe(true);
        }
      }),
    );
  });

  it('post only to roles of the default chart', () => {
    const roles = new Set(DEFAULT_CHART.map((a) => a.role));
    const t = { subtotal: 1, tax: 1, shipping: 1, discount: 1, total: 2 };
    for (const l of [...invoicePosting(t), ...creditMemoPosting(t), ...disputePosting('lost', 1)]) {
      expect(roles.has(l.role)).toBe(true);
    }
  });

  it('a dispute opened then won nets to zero on every account', () => {
    const net = new Map<string, number>();
    for (const l of [...disputePosting('open', 700), ...disputePosting('won', 700)]) {
      net.set(l.role, (net.get(l.role) ?? 0) + l.debit - l.credit);
    }
    expect([...net.values()].every((v) => v === 0)).toBe(true);
  });

  it('final dispute statuses stay final', () => {
    expect(canMoveDispute('open', 'evidence_submitted')).toBe(true);
    expect(canMoveDispute('evidence_submitted', 'won')).toBe(true);
    expect(canMoveDispute('won', 'lost')).toBe(false);
    expect(canMoveDispute('lost', 'evidence_submitted')).toBe(false);
  });
});
