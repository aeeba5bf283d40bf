/**
 * `OrderTransaction`, `Refund` and `RefundLineItem` fields.
 * @module
 */
import { gid } from '../../core/ids.js';
import type {
  SimOrder,
  SimRefund,
  SimRefundLineItem,
  SimTransaction,
} from '../../store/records.js';
import { paginateList, type PageArgs } from '../connection.js';
import { lineItemViews, shippingLineValue } from './line-items.js';
import { dateTime, moneyBag, type GqlContext, type TypeResolvers } from './shared.js';

/** Resolvers of `OrderTransaction`. */
export const transactionResolvers: TypeResolvers<SimTransaction> = {
  id: (t) => gid('OrderTransaction', t.id),
  kind: (t) => t.kind.toUpperCase(),
  status: (t) => t.status.toUpperCase(),
  formattedGateway: (t) => (t.gateway === 'manual' ? 'Manual' : t.gateway),
  amountSet: (t, _a, ctx) => moneyBag(ctx, t.amountMinor, t.currency),
  parentTransaction: (t, _a, ctx) =>
    t.parentId ? (ctx.sim.state.transactions.get(t.parentId) ?? null) : null,
  errorCode: () => null,
  paymentId: (t) => `r${t.id}`,
  processedAt: (t) => dateTime(t.processedAt),
  createdAt: (t) => dateTime(t.createdAt),
  manuallyCapturable: (t, _a, ctx) =>
    t.kind === 'authorization' &&
    t.status === 'success' &&
    !(ctx.sim.state.orders.get(t.orderId)?.transactions ?? []).some(
      (c) => c.parentId === t.id && c.status === 'success',
    ),
  manualPaymentGateway: (t) => t.manual,
  receiptJson: () => '{}',
  order: (t, _a, ctx) => ctx.sim.state.orders.get(t.orderId) ?? null,
};

function orderOf(ctx: GqlContext, refund: SimRefund): SimOrder {
  const order = ctx.sim.state.orders.get(refund.orderId);
  if (!order) throw new Error(`refund ${refund.id} without order`);
  return order;
}

function refundTransactions(ctx: GqlContext, refund: SimRefund): SimTransaction[] {
  return refund.transactionIds
    .map((id) => ctx.sim.state.transactions.get(id))
    .filter((t): t is SimTransaction => t !== undefined);
}

/** Resolvers of `Refund`. */
export const refundResolvers: TypeResolvers<SimRefund> = {
  id: (r) => gid('Refund', r.id),
  legacyResourceId: (r) => r.id,
  createdAt: (r) => dateTime(r.createdAt),
  updatedAt: (r) => dateTime(r.createdAt),
  order: (r, _a, ctx) => orderOf(ctx, r),
  totalRefundedSet: (r, _a, ctx) =>
    moneyBag(
      ctx,
      refundTransactions(ctx, r).reduce((s, t) => s + t.amountMinor, 0),
      orderOf(ctx, r).currency,
    ),
  transactions: (r, args, ctx) =>
    paginateList(refundTransactions(ctx, r), args as PageArgs, 'transactions'),
  // Refunded shipping as one line on the order's first shipping line, as the REST payload has it.
  refundShippingLines: (r, args, ctx) => {
    const order = orderOf(ctx, r);
    const line = order.shippingLines[0];
    const lines =
      r.shippingMinor > 0 && line
        ? [
            {
              id: gid('RefundShippingLine', r.id),
              shippingLine: shippingLineValue(ctx, line, order.currency),
              subtotalAmountSet: moneyBag(ctx, r.shippingMinor, order.currency),
              taxAmountSet: moneyBag(ctx, 0, order.currency),
            },
          ]
        : [];
    return paginateList(lines, args as PageArgs, 'refundShippingLines');
  },
  // The simulator records no discrepancies (its REST payload has `order_adjustments: []`).
  orderAdjustments: (_r, args) => paginateList([], args as PageArgs, 'orderAdjustments'),
  refundLineItems: (r, args, ctx) => {
    const order = orderOf(ctx, r);
    const views = lineItemViews(order);
    const lines = r.refundLineItems.map((line) => ({ ...line, order, views }));
    return paginateList(lines, args as PageArgs, 'refundLineItems');
  },
};

type RefundLineView = SimRefundLineItem & {
  order: SimOrder;
  views: ReturnType<typeof lineItemViews>;
};

/** Resolvers of `RefundLineItem`. */
export const refundLineItemResolvers: TypeResolvers<RefundLineView> = {
  id: (l) => gid('RefundLineItem', l.id),
  lineItem: (l) => l.views.find((v) => v.id === l.lineItemId),
  restockType: (l) => l.restockType.toUpperCase(),
  restocked: (l) => l.restockType !== 'no_restock',
  priceSet: (l, _a, ctx) =>
    moneyBag(ctx, Math.floor(l.subtotalMinor / l.quantity), l.order.currency),
  subtotalSet: (l, _a, ctx) => moneyBag(ctx, l.subtotalMinor, l.order.currency),
  totalTaxSet: (l, _a, ctx) => moneyBag(ctx, l.taxMinor, l.order.currency),
};
