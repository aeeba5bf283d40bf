/**
 * Turns what the GraphQL Admin API says about an order or a refund into the REST shape webhooks
 * carry, so a flow reads `body.id`, `body.total_price`, `body.refund_line_items` the same way
 * whether its event came from a webhook or from reconciliation. Ids are strings (as Paybridge's
 * ingress stores webhook ids), money is REST's fixed-decimal text with `*_set.shop_money` twins,
 * times are in the shop's offset.
 *
 * Only the fields listed here are filled. Every recovered body names the REST fields it does
 * not carry in {@link OMITTED_FIELDS_KEY}, so a flow (or an operator reading the run) can tell a
 * recovered body from a webhook and see what is missing; a connection cut short (more lines than
 * one query reads) is named there too, as `refund_line_items (truncated)`.
 *
 * @module
 */
import { fromShopifyMoney, toShopifyDecimal } from '../money';
import type { ChangedOrder } from './changed-orders-query';
import type { RecoveredRefund } from './refund-details-query';
import { inShopZone } from './shop-time';

/** Body key listing the webhook fields a recovered body lacks. */
export const OMITTED_FIELDS_KEY = 'paybridge_omitted_fields';

/** Order fields of the webhook that reconciliation does not fill. */
export const ORDER_OMITTED = Object.freeze([
  'billing_address',
  'shipping_address',
  'shipping_lines',
  'discount_codes',
  'discount_applications',
  'tax_lines',
  'refunds',
  'fulfillments',
  'note_attributes',
  'line_items[].discount_allocations',
  'line_items[].tax_lines',
  '*_set.presentment_money',
]);

/** Refund fields of the webhook that reconciliation does not fill. */
export const REFUND_OMITTED = Object.freeze([
  'processed_at',
  'user_id',
  'restock',
  'duties',
  'total_duties_set',
  'additional_fees',
  'total_additional_fees_set',
  'return',
  'refund_line_items[].location_id',
  'refund_line_items[].line_item (id, title, name, sku, quantity, price, price_set only)',
  'transactions[] (id, kind, status, gateway, amount, currency, parent_id, processed_at only)',
  '*_set.presentment_money',
]);

type Bag = ChangedOrder['totalPriceSet'];

function decimal(bag: Bag): string;
function decimal(bag: Bag | null): string | null;
function decimal(bag: Bag | null): string | null {
  return bag ? toShopifyDecimal(fromShopifyMoney(bag.shopMoney)) : null;
}

/** A REST `*_set` (shop money only: the presentment twin is not read). */
function moneySet(bag: Bag | null) {
  return bag
    ? { shop_money: { amount: decimal(bag), currency_code: bag.shopMoney.currencyCode } }
    : null;
}

const legacyId = (gid: string) => gid.split('/').pop() ?? gid;

/** The omitted list, with the connections a query cut short. */
function omitted(base: readonly string[], truncated: Record<string, boolean>): string[] {
  return [
    ...base,
    ...Object.entries(truncated)
      .filter(([, cut]) => cut)
      .map(([field]) => `${field} (truncated)`),
  ];
}

/** A REST-shaped order, as in an `orders/*` webhook (the subset reconciliation fills). */
export function restOrder(
  order: ChangedOrder,
  zone: string | null = null,
): Record<string, unknown> {
  return {
    id: order.legacyResourceId,
    admin_graphql_api_id: order.id,
    name: order.name,
    email: order.email,
    created_at: inShopZone(order.createdAt, zone),
    updated_at: inShopZone(order.updatedAt, zone),
    processed_at: inShopZone(order.processedAt, zone),
    cancelled_at: inShopZone(order.cancelledAt, zone),
    currency: order.currencyCode,
    financial_status: order.displayFinancialStatus?.toLowerCase() ?? null,
    payment_gateway_names: order.paymentGatewayNames,
    total_price: decimal(order.totalPriceSet),
    total_price_set: moneySet(order.totalPriceSet),
    subtotal_price: decimal(order.subtotalPriceSet),
    total_tax: decimal(order.totalTaxSet),
    total_discounts: decimal(order.totalDiscountsSet),
    total_shipping_price_set: moneySet(order.totalShippingPriceSet),
    note: order.note,
    tags: order.tags.join(', '),
    test: order.test,
    customer: order.customer
      ? {
          id: order.customer.legacyResourceId,
          admin_graphql_api_id: order.customer.id,
          email: order.customer.email,
          first_name: order.customer.firstName,
          last_name: order.customer.lastName,
        }
      : null,
    line_items: order.lineItems.nodes.map((item) => ({
      id: legacyId(item.id),
      admin_graphql_api_id: item.id,
      title: item.title,
      quantity: item.quantity,
      sku: item.sku,
      price: decimal(item.originalUnitPriceSet),
      price_set: moneySet(item.originalUnitPriceSet),
    })),
    [OMITTED_FIELDS_KEY]: omitted(ORDER_OMITTED, {
      line_items: order.lineItems.pageInfo.hasNextPage,
    }),
  };
}

/**
 * A REST-shaped refund, as in a `refunds/create` webhook: refunded lines with `subtotal` and
 * `total_tax` (JSON numbers, as REST writes them) and their `*_set` twins, refunded shipping,
 * order adjustments (all refund discrepancies: since 2024-10 refunded shipping is not an
 * adjustment) and the refund's transactions.
 */
export function restRefund(
  refund: RecoveredRefund,
  zone: string | null = null,
): Record<string, unknown> {
  const orderId = refund.order.legacyResourceId;
  return {
    id: refund.legacyResourceId,
    admin_graphql_api_id: refund.id,
    order_id: orderId,
    created_at: inShopZone(refund.createdAt, zone),
    note: refund.note,
    refund_line_items: refund.refundLineItems.nodes.map((line) => ({
      id: line.id ? legacyId(line.id) : null,
      line_item_id: legacyId(line.lineItem.id),
      quantity: line.quantity,
      restock_type: line.restockType.toLowerCase(),
      subtotal: Number(decimal(line.subtotalSet)),
      subtotal_set: moneySet(line.subtotalSet),
      total_tax: Number(decimal(line.totalTaxSet)),
      total_tax_set: moneySet(line.totalTaxSet),
      line_item: {
        id: legacyId(line.lineItem.id),
        admin_graphql_api_id: line.lineItem.id,
        title: line.lineItem.title,
        name: line.lineItem.name,
        sku: line.lineItem.sku,
        quantity: line.lineItem.quantity,
        price: decimal(line.lineItem.originalUnitPriceSet),
        price_set: moneySet(line.lineItem.originalUnitPriceSet),
      },
    })),
    refund_shipping_lines: refund.refundShippingLines.nodes.map((line) => ({
      id: legacyId(line.id),
      shipping_line_id: line.shippingLine.id ? legacyId(line.shippingLine.id) : null,
      shipping_line: { id: line.shippingLine.id, title: line.shippingLine.title },
      subtotal_amount_set: moneySet(line.subtotalAmountSet),
      tax_amount_set: moneySet(line.taxAmountSet),
    })),
    order_adjustments: refund.orderAdjustments.nodes.map((adjustment) => ({
      id: legacyId(adjustment.id),
      order_id: orderId,
      refund_id: refund.legacyResourceId,
      amount: decimal(adjustment.amountSet),
      amount_set: moneySet(adjustment.amountSet),
      tax_amount: decimal(adjustment.taxAmountSet),
      tax_amount_set: moneySet(adjustment.taxAmountSet),
      kind: 'refund_discrepancy',
      reason: adjustment.reason,
    })),
    transactions: refund.transactions.nodes.map((t) => ({
      id: legacyId(t.id),
      admin_graphql_api_id: t.id,
      order_id: orderId,
      kind: t.kind.toLowerCase(),
      status: t.status.toLowerCase(),
      gateway: t.gateway,
      amount: decimal(t.amountSet),
      currency: t.amountSet.shopMoney.currencyCode,
      parent_id: t.parentTransaction ? legacyId(t.parentTransaction.id) : null,
      processed_at: inShopZone(t.processedAt, zone),
    })),
    [OMITTED_FIELDS_KEY]: omitted(REFUND_OMITTED, {
      refund_line_items: refund.refundLineItems.pageInfo.hasNextPage,
      refund_shipping_lines: refund.refundShippingLines.pageInfo.hasNextPage,
      order_adjustments: refund.orderAdjustments.pageInfo.hasNextPage,
      transactions: refund.transactions.pageInfo.hasNextPage,
    }),
  };
}
