/**
 * `LineItem`, `ShippingLine` and `TaxLine` values. A line item is resolved from a view that
 * pairs it with its order (currency, refunded quantities).
 * @module
 */
import { gid } from '../../core/ids.js';
import { prorate } from '../../core/money.js';
import { lineDiscountedTotal, refundedQuantity } from '../../store/order-math.js';
import type { SimLineItem, SimOrder, SimShippingLine, SimTaxLine } from '../../store/records.js';
import { moneyBag, type GqlContext, type TypeResolvers } from './shared.js';

/** A line item with its order. */
export interface LineItemView {
  resource: 'LineItem';
  id: string;
  line: SimLineItem;
  order: SimOrder;
}

/** Wraps an order's line items for resolution. */
export function lineItemViews(order: SimOrder): LineItemView[] {
  return order.lineItems.map((line) => ({ resource: 'LineItem', id: line.id, line, order }));
}

/** A `TaxLine` value. */
export function taxLineValue(ctx: GqlContext, tax: SimTaxLine, currency: string) {
  const rate = Number(tax.rate);
  return {
    title: tax.title,
    rate,
    ratePercentage: Math.round(rate * 100 * 1e6) / 1e6,
    priceSet: moneyBag(ctx, tax.priceMinor, currency),
    channelLiable: false,
  };
}

/** A `ShippingLine` value. */
export function shippingLineValue(ctx: GqlContext, line: SimShippingLine, currency: string) {
  const price = moneyBag(ctx, line.priceMinor, currency);
  return {
    id: gid('ShippingLine', line.id),
    title: line.title,
    code: line.code,
    source: line.source,
    originalPriceSet: price,
    discountedPriceSet: price,
    currentDiscountedPriceSet: price,
    isRemoved: false,
    taxLines: line.taxLines.map((t) => taxLineValue(ctx, t, currency)),
  };
}

/** Resolvers of `LineItem`. */
export const lineItemResolvers: TypeResolvers<LineItemView> = {
  id: (v) => gid('LineItem', v.line.id),
  name: (v) => (v.line.variantTitle ? `${v.line.title} - ${v.line.variantTitle}` : v.line.title),
  title: (v) => v.line.title,
  variantTitle: (v) => v.line.variantTitle,
  sku: (v) => v.line.sku,
  vendor: (v) => v.line.vendor,
  quantity: (v) => v.line.quantity,
  currentQuantity: (v, _a, ctx) =>
    v.line.quantity - refundedQuantity(ctx.sim.state, v.order, v.line.id),
  refundableQuantity: (v, _a, ctx) =>
    v.line.quantity - refundedQuantity(ctx.sim.state, v.order, v.line.id),
  unfulfilledQuantity: (v, _a, ctx) =>
    v.line.quantity - refundedQuantity(ctx.sim.state, v.order, v.line.id),
  taxable: (v) => v.line.taxable,
  requiresShipping: (v) => v.line.requiresShipping,
  customAttributes: () => [],
  originalUnitPriceSet: (v, _a, ctx) => moneyBag(ctx, v.line.priceMinor, v.order.currency),
  discountedUnitPriceSet: (v, _a, ctx) =>
    moneyBag(ctx, prorate(lineDiscountedTotal(v.line), 1, v.line.quantity), v.order.currency),
  originalTotalSet: (v, _a, ctx) =>
    moneyBag(ctx, v.line.priceMinor * v.line.quantity, v.order.currency),
  discountedTotalSet: (v, _a, ctx) => moneyBag(ctx, lineDiscountedTotal(v.line), v.order.currency),
  totalDiscountSet: (v, _a, ctx) => moneyBag(ctx, v.line.discountMinor, v.order.currency),
  taxLines: (v, args, ctx) => {
    const lines = v.line.taxLines.map((t) => taxLineValue(ctx, t, v.order.currency));
    return typeof args.first === 'number' ? lines.slice(0, args.first) : lines;
  },
};
