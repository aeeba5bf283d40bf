/**
 * Derived order figures: totals, money received and refunded, what is still outstanding, the
 * display financial status and the `canMarkAsPaid` rule. Computed from the transactions and
 * refunds each time, so no stored figure can drift from the history.
 * @module
 */
import type { ShopifyState } from './state.js';
import type { SimLineItem, SimOrder, SimTransaction } from './records.js';

/** Order totals in minor units. */
export interface OrderTotals {
  /** Σ unit price × quantity. */
  lineItems: number;
  discounts: number;
  /** Line items after discounts (Shopify's `subtotal_price`). */
  subtotal: number;
  shipping: number;
  tax: number;
  /** subtotal + shipping (+ tax unless taxes are included in prices). */
  total: number;
}

/** A line's tax (Σ of its tax lines). */
export function lineTax(line: { taxLines: { priceMinor: number }[] }): number {
  return line.taxLines.reduce((sum, t) => sum + t.priceMinor, 0);
}

/** A line item's value after its discount share. */
export function lineDiscountedTotal(line: SimLineItem): number {
  return line.priceMinor * line.quantity - line.discountMinor;
}

/** Totals as ordered (refunds do not change them; see `currentTotal`). */
export function orderTotals(order: SimOrder): OrderTotals {
  const lineItems = order.lineItems.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
  const discounts = order.discountCodes.reduce((s, d) => s + d.amountMinor, 0);
  const shipping = order.shippingLines.reduce((s, l) => s + l.priceMinor, 0);
  const tax =
    order.lineItems.reduce((s, l) => s + lineTax(l), 0) +
    order.shippingLines.reduce((s, l) => s + lineTax(l), 0);
  const subtotal = lineItems - discounts;
  const total = subtotal + shipping + (order.taxesIncluded ? 0 : tax);
  return { lineItems, discounts, subtotal, shipping, tax, total };
}

const succeeded = (t: SimTransaction) => t.status === 'success';

/** Money figures of an order, from its transactions and refunds. */
export interface OrderPayments {
  /** Σ successful sales and captures. */
  received: number;
  /** Σ successful refund transactions. */
  refunded: number;
  /** Uncaptured, unvoided authorized amount. */
  capturable: number;
  /** An authorization was voided. */
  voided: boolean;
  /** Value taken off the order by refunds (lines, shipping, explicit amounts). */
  refundedValue: number;
  /** Order total after refunds. */
  currentTotal: number;
  /** What the customer still owes: current total − (received − refunded), never below 0. */
  outstanding: number;
}

/** Computes the money figures of an order. */
export function orderPayments(state: ShopifyState, order: SimOrder): OrderPayments {
  const ok = order.transactions.filter(succeeded);
  const sum = (kinds: string[]) =>
    ok.filter((t) => kinds.includes(t.kind)).reduce((s, t) => s + t.amountMinor, 0);
  const received = sum(['sale', 'capture']);
  const refunded = sum(['refund']);
  let capturable = 0;
  let voided = false;
  for (const auth of ok.filter((t) => t.kind === 'authorization')) {
    const children = ok.filter((t) => t.parentId === auth.id);
    if (children.some((t) => t.kind === 'void')) {
      voided = true;
      continue;
    }
    const captured = children
      .filter((t) => t.kind === 'capture')
      .reduce((s, t) => s + t.amountMinor, 0);
    capturable += Math.max(0, auth.amountMinor - captured);
  }
  const refundedValue = order.refundIds.reduce(
    (s, id) => s + (state.refunds.get(id)?.valueMinor ?? 0),
    0,
  );
  const currentTotal = Math.max(0, orderTotals(order).total - refundedValue);
  const outstanding = Math.max(0, currentTotal - (received - refunded));
  return { received, refunded, capturable, voided, refundedValue, currentTotal, outstanding };
}

/** GraphQL `OrderDisplayFinancialStatus` values. */
export type FinancialStatus =
  | 'PENDING'
  | 'AUTHORIZED'
  | 'PARTIALLY_PAID'
  | 'PAID'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED'
  | 'EXPIRED';

/** The display financial status (REST `financial_status` is its lower-case form). */
export function financialStatus(payments: OrderPayments): FinancialStatus {
  if (payments.refunded > 0) {
    return payments.refunded >= payments.received ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  if (payments.received > 0) return payments.outstanding === 0 ? 'PAID' : 'PARTIALLY_PAID';
  if (payments.capturable > 0) return 'AUTHORIZED';
  if (payments.voided) return 'VOIDED';
  return 'PENDING';
}

/**
 * Shopify's `canMarkAsPaid`: the order is not cancelled, something is outstanding, and it is not
 * already paid, refunded or voided.
 */
export function canMarkAsPaid(order: SimOrder, payments: OrderPayments): boolean {
  if (order.cancelledAt !== null) return false;
  if (payments.outstanding <= 0) return false;
  return ['PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'EXPIRED'].includes(financialStatus(payments));
}

/** Quantity of a line item already refunded. */
export function refundedQuantity(state: ShopifyState, order: SimOrder, lineId: string): number {
  let quantity = 0;
  for (const id of order.refundIds) {
    for (const line of state.refunds.get(id)?.refundLineItems ?? []) {
      if (line.lineItemId === lineId) quantity += line.quantity;
    }
  }
  return quantity;
}
