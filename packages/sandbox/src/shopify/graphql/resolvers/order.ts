/**
 * `Order` fields, computed from the stored order and its history on each read.
 * @module
 */
import { gid } from '../../core/ids.js';
import {
  canMarkAsPaid,
  financialStatus,
  orderPayments,
  orderTotals,
} from '../../store/order-math.js';
import type { SimFulfillment, SimOrder, SimRefund } from '../../store/records.js';
import { paginate, paginateList, type PageArgs } from '../connection.js';
import { lineItemViews, shippingLineValue, taxLineValue } from './line-items.js';
import { ownerMetafieldResolvers } from './metafield.js';
import { dateTime, moneyBag, type GqlContext, type TypeResolvers } from './shared.js';

function payments(ctx: GqlContext, order: SimOrder) {
  return orderPayments(ctx.sim.state, order);
}

function orderTaxLines(ctx: GqlContext, order: SimOrder) {
  const byKey = new Map<string, { title: string; rate: string; priceMinor: number }>();
  for (const line of [...order.lineItems, ...order.shippingLines]) {
    for (const tax of line.taxLines) {
      const key = `${tax.title}\0${tax.rate}`;
      const entry = byKey.get(key) ?? { ...tax, priceMinor: 0 };
      entry.priceMinor += tax.priceMinor;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].map((t) => taxLineValue(ctx, t, order.currency));
}

const money =
  (pick: (ctx: GqlContext, order: SimOrder) => number) =>
  (order: SimOrder, _args: Record<string, unknown>, ctx: GqlContext) =>
    moneyBag(ctx, pick(ctx, order), order.currency);

/** Resolvers of `Order`. */
export const orderResolvers: TypeResolvers<SimOrder> = {
  ...ownerMetafieldResolvers<SimOrder>(),
  id: (o) => gid('Order', o.id),
  legacyResourceId: (o) => o.id,
  createdAt: (o) => dateTime(o.createdAt),
  updatedAt: (o) => dateTime(o.updatedAt),
  processedAt: (o) => dateTime(o.processedAt),
  cancelledAt: (o) => dateTime(o.cancelledAt),
  closedAt: (o) => dateTime(o.closedAt),
  closed: (o) => o.closedAt !== null,
  cancelReason: (o) => o.cancelReason?.toUpperCase() ?? null,
  clientIp: (o) => o.browserIp ?? null,
  currencyCode: (o) => o.currency,
  presentmentCurrencyCode: (o) => o.currency,
  displayFinancialStatus: (o, _a, ctx) => financialStatus(payments(ctx, o)),
  displayFulfillmentStatus: (o) =>
    (o.fulfillments ?? []).length > 0 ? 'FULFILLED' : 'UNFULFILLED',
  fulfillments: (o, args) => {
    const list = o.fulfillments ?? [];
    return typeof args.first === 'number' ? list.slice(0, args.first) : list;
  },
  paymentGatewayNames: (o) => o.gatewayNames,
  canMarkAsPaid: (o, _a, ctx) => canMarkAsPaid(o, payments(ctx, o)),
  capturable: (o, _a, ctx) => payments(ctx, o).capturable > 0,
  fullyPaid: (o, _a, ctx) => payments(ctx, o).outstanding === 0,
  unpaid: (o, _a, ctx) => payments(ctx, o).received === 0,
  refundable: (o, _a, ctx) => {
    const p = payments(ctx, o);
    return p.received - p.refunded > 0;
  },
  discountCodes: (o) => o.discountCodes.map((d) => d.code),
  subtotalPriceSet: money((_c, o) => orderTotals(o).subtotal),
  totalPriceSet: money((_c, o) => orderTotals(o).total),
  totalTaxSet: money((_c, o) => orderTotals(o).tax),
  totalDiscountsSet: money((_c, o) => orderTotals(o).discounts),
  totalShippingPriceSet: money((_c, o) => orderTotals(o).shipping),
  currentTotalPriceSet: money((c, o) => payments(c, o).currentTotal),
  currentSubtotalPriceSet: money((c, o) => {
    const refunded = o.refundIds
      .flatMap((id) => c.sim.state.refunds.get(id)?.refundLineItems ?? [])
      .reduce((s, l) => s + l.subtotalMinor, 0);
    return orderTotals(o).subtotal - refunded;
  }),
  currentTotalTaxSet: money((c, o) => {
    const refunded = o.refundIds
      .flatMap((id) => c.sim.state.refunds.get(id)?.refundLineItems ?? [])
      .reduce((s, l) => s + l.taxMinor, 0);
    return orderTotals(o).tax - refunded;
  }),
  totalOutstandingSet: money((c, o) => payments(c, o).outstanding),
  totalReceivedSet: money((c, o) => payments(c, o).received),
  totalRefundedSet: money((c, o) => payments(c, o).refunded),
  totalCapturableSet: money((c, o) => payments(c, o).capturable),
  netPaymentSet: money((c, o) => {
    const p = payments(c, o);
    return p.received - p.refunded;
  }),
  taxLines: (o, _a, ctx) => orderTaxLines(ctx, o),
  customer: (o, _a, ctx) =>
    o.customerId ? (ctx.sim.state.customers.get(o.customerId) ?? null) : null,
  customAttributes: (o) => o.customAttributes,
  lineItems: (o, args) => paginateList(lineItemViews(o), args as PageArgs, 'lineItems'),
  shippingLines: (o, args, ctx) => {
    const lines = o.shippingLines.map((l) => ({
      ...shippingLineValue(ctx, l, o.currency),
      raw: l,
    }));
    const position = new Map(lines.map((l, i) => [l, i]));
    return paginate(
      lines,
      (l) => ({ value: position.get(l) ?? 0, id: l.raw.id }),
      args as PageArgs,
      'shippingLines',
    );
  },
  transactions: (o, args, ctx) => {
    let list = o.transactions;
    if (args.capturable === true) {
      const open = payments(ctx, o).capturable > 0;
      list = list.filter((t) => open && t.kind === 'authorization' && t.status === 'success');
    }
    return typeof args.first === 'number' ? list.slice(0, args.first) : list;
  },
  refunds: (o, args, ctx) => {
    const list = o.refundIds
      .map((id) => ctx.sim.state.refunds.get(id))
      .filter((r): r is SimRefund => r !== undefined);
    return typeof args.first === 'number' ? list.slice(0, args.first) : list;
  },
  disputes: (o, _a, ctx) =>
    o.disputeIds
      .map((id) => ctx.sim.state.disputes.get(id))
      .filter((d) => d !== undefined)
      .map((d) => ({
        resource: 'OrderDisputeSummary',
        id: gid('ShopifyPaymentsDispute', d.id),
        initiatedAs: d.type.toUpperCase(),
        status: d.status.toUpperCase(),
      })),
};

/** Resolvers of `Fulfillment`: one tracking entry when the shipment has any tracking. */
export const fulfillmentResolvers: TypeResolvers<SimFulfillment> = {
  id: (f) => gid('Fulfillment', f.id),
  createdAt: (f) => dateTime(f.createdAt),
  trackingInfo: (f) =>
    f.trackingCompany || f.trackingNumber || f.trackingUrl
      ? [{ company: f.trackingCompany, number: f.trackingNumber, url: f.trackingUrl }]
      : [],
};
