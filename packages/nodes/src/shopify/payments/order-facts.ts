/**
 * Reads what the payment-status planner decides on: the order's payment state, its tags, its open
 * authorization and the payment a PayTrace refund or void is recorded against.
 *
 * @module
 */
import type { ShopifyClient } from '../client/graphql-client';
import { getOrderPaymentFacts, type WirePaymentState } from '../graphql/orders';
import { fromShopifyMoney } from '../money';
import { notFound } from '../nodes/shared/node-client';
import type { OrderPaymentFacts } from '../payment-status';
import { toTransaction } from '../records';

/** The gateway Shopify records `orderMarkAsPaid` sales under. */
const MARK_AS_PAID_GATEWAY = 'manual';

/** An authorization no successful capture or void follows. */
export function openAuthorization(state: WirePaymentState): string | null {
  const transactions = state.transactions.map(toTransaction);
  const open = transactions.find(
    (t) =>
      t.kind === 'AUTHORIZATION' &&
      t.status === 'SUCCESS' &&
      !transactions.some(
        (c) =>
          c.parentId === t.id &&
          c.status === 'SUCCESS' &&
          (c.kind === 'CAPTURE' || c.kind === 'VOID'),
      ),
  );
  return open?.id ?? null;
}

/**
 * The latest successful sale or capture recorded through `paymentMethodName` (a manual payment)
 * or Shopify's `manual` gateway (mark as paid): where PayTrace's money shows on the order.
 */
export function paytracePayment(
  state: WirePaymentState,
  paymentMethodName: string,
): { id: string; gateway: string } | null {
  const names = [paymentMethodName.toLowerCase(), MARK_AS_PAID_GATEWAY];
  const candidates = state.transactions
    .map(toTransaction)
    .filter((t) => t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE'))
    .filter((t) => names.includes((t.gateway ?? '').toLowerCase()));
  const last = candidates.at(-1);
  return last ? { id: last.id, gateway: last.gateway ?? paymentMethodName } : null;
}

/** The planner's facts from a read order. */
export function factsOf(
  state: WirePaymentState & { tags: string[] },
  paymentMethodName: string,
): OrderPaymentFacts {
  return {
    name: state.name,
    financialStatus: state.displayFinancialStatus,
    canMarkAsPaid: state.canMarkAsPaid,
    cancelled: state.cancelledAt !== null,
    outstanding: fromShopifyMoney(state.totalOutstandingSet.shopMoney),
    received: fromShopifyMoney(state.totalReceivedSet.shopMoney),
    refunded: fromShopifyMoney(state.totalRefundedSet.shopMoney),
    tags: state.tags,
    openAuthorizationId: openAuthorization(state),
    paytracePayment: paytracePayment(state, paymentMethodName),
  };
}

/** Reads the order; a missing order is SHOPIFY_NOT_FOUND. */
export async function readPaymentFacts(
  client: ShopifyClient,
  orderId: string,
): Promise<WirePaymentState & { tags: string[] }> {
  const { order } = await client.run(getOrderPaymentFacts, { id: orderId });
  if (!order) throw notFound('order', orderId);
  return order;
}
