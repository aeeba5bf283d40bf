/**
 * The journal every document posts, by account role. Pure and shared: the built-in ledger posts
 * exactly these lines, and the property tests prove each of them balances for any amounts.
 *
 * @module
 */
import type { AccountRole } from './accounts';
import type { DisputeStatus } from '../documents';
import type { DocumentTotals } from './totals';

/** One journal line by role, before accounts are resolved. */
export interface RoleLine {
  role: AccountRole;
  debit: number;
  credit: number;
  description: string;
}

const debit = (role: AccountRole, amount: number, description: string): RoleLine => ({
  role,
  debit: amount,
  credit: 0,
  description,
});
const credit = (role: AccountRole, amount: number, description: string): RoleLine => ({
  role,
  debit: 0,
  credit: amount,
  description,
});

/** Drops zero lines (a document without tax posts no tax line). */
const nonZero = (lines: RoleLine[]) => lines.filter((l) => l.debit > 0 || l.credit > 0);

type Totals = Pick<DocumentTotals, 'subtotal' | 'tax' | 'shipping' | 'discount' | 'total'>;

/**
 * How an invoice-shaped document posts: the role its subtotal goes to, each part's description,
 * and whether it is the invoice's mirror (every line on the other side).
 */
interface DocumentShape {
  mirrored: boolean;
  subtotalRole: AccountRole;
  descriptions: Record<keyof Totals, string>;
}

/**
 * The one journal of invoice-shaped documents, written from the invoice's side (receivable and
 * discounts debited, subtotal, shipping and tax credited) and mirrored for a credit memo, so the
 * two always move the same accounts by the same amounts. Debit lines come first; a credit memo
 * ends on its receivable, as it always has.
 */
function documentPosting(t: Totals, shape: DocumentShape): RoleLine[] {
  const side = shape.mirrored ? credit : debit;
  const otherSide = shape.mirrored ? debit : credit;
  const receivable = [
    side('accounts-receivable', t.total, shape.descriptions.total),
    side('discounts', t.discount, shape.descriptions.discount),
  ];
  const earned = [
    otherSide(shape.subtotalRole, t.subtotal, shape.descriptions.subtotal),
    otherSide('shipping-income', t.shipping, shape.descriptions.shipping),
    otherSide('sales-tax-payable', t.tax, shape.descriptions.tax),
  ];
  return nonZero(
    shape.mirrored ? [...earned, ...receivable.reverse()] : [...receivable, ...earned],
  );
}

/** Invoice: receivable for the total; revenue, shipping income and tax owed; discounts given. */
export function invoicePosting(t: Totals): RoleLine[] {
  return documentPosting(t, {
    mirrored: false,
    subtotalRole: 'sales',
    descriptions: {
      total: 'Invoice total',
      discount: 'Discounts',
      subtotal: 'Sales',
      shipping: 'Shipping',
      tax: 'Sales tax',
    },
  });
}

/** Payment: the card money sits in clearing until the batch settles; the receivable goes down. */
export function paymentPosting(amount: number): RoleLine[] {
  return [
    debit('card-clearing', amount, 'Card payment received'),
    credit('accounts-receivable', amount, 'Payment applied'),
  ];
}

/** Credit memo: the mirror of an invoice, to refunds and returns. */
export function creditMemoPosting(t: Totals): RoleLine[] {
  return documentPosting(t, {
    mirrored: true,
    subtotalRole: 'refunds',
    descriptions: {
      total: 'Credit memo total',
      discount: 'Discounts reversed',
      subtotal: 'Returns',
      shipping: 'Shipping refunded',
      tax: 'Sales tax refunded',
    },
  });
}

/** Refund payment: the customer's credit is paid out of card clearing. */
export function refundPosting(amount: number): RoleLine[] {
  return [
    debit('accounts-receivable', amount, 'Credit refunded'),
    credit('card-clearing', amount, 'Refund paid by card'),
  ];
}

/**
 * Dispute journals: opening moves the money the network took back into a dispute receivable;
 * winning brings it back to the bank; losing writes it off. Evidence changes nothing in the
 * books.
 */
export function disputePosting(status: DisputeStatus, amount: number): RoleLine[] {
  switch (status) {
    case 'open':
      return [
        debit('dispute-receivable', amount, 'Chargeback withdrawn'),
        credit('cash', amount, 'Chargeback withdrawn'),
      ];
    case 'won':
      return [
        debit('cash', amount, 'Chargeback reversed'),
        credit('dispute-receivable', amount, 'Dispute won'),
      ];
    case 'lost':
      return [
        debit('chargeback-losses', amount, 'Chargeback lost'),
        credit('dispute-receivable', amount, 'Dispute lost'),
      ];
    case 'evidence_submitted':
      return [];
  }
}

/** Which status changes are allowed: won and lost are final. */
export function canMoveDispute(from: DisputeStatus, to: DisputeStatus): boolean {
  if (from === 'won' || from === 'lost') return false;
  if (to === 'open') return false;
  return from !== to;
}
