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

  it('a credit memo posts the invoice mirrored, returns in place of sales, debits first', () => {
    const t = { subtotal: 1000, tax: 80, shipping: 50, discount: 30, total: 1100 };
    const line = (role: string, debit: number, credit: number, description: string) => ({
      role,
      debit,
      credit,
      description,
    });
    expect(invoicePosting(t)).toEqual([
      line('accounts-receivable', 1100, 0, 'Invoice total'),
      line('discounts', 30, 0, 'Discounts'),
      line('sales', 0, 1000, 'Sales'),
      line('shipping-income', 0, 50, 'Shipping'),
      line('sales-tax-payable', 0, 80, 'Sales tax'),
    ]);
    expect(creditMemoPosting(t)).toEqual([
      line('refunds', 1000, 0, 'Returns'),
      line('shipping-income', 50, 0, 'Shipping refunded'),
      line('sales-tax-payable', 80, 0, 'Sales tax refunded'),
      line('discounts', 0, 30, 'Discounts reversed'),
      line('accounts-receivable', 0, 1100, 'Credit memo total'),
    ]);
    // Zero amounts post no line, on either document.
    const bare = { subtotal: 500, tax: 0, shipping: 0, discount: 0, total: 500 };
    expect(creditMemoPosting(bare).map((l) => l.role)).toEqual(['refunds', 'accounts-receivable']);
    expect(invoicePosting(bare).map((l) => l.role)).toEqual(['accounts-receivable', 'sales']);
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
