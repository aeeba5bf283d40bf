/**
 * Turns what the GraphQL Admin API says about an order into the REST shape webhooks carry, so a
 * flow reads `body.id`, `body.total_price`, `body.payment_gateway_names` the same way whether its
 * event came from a webhook or from reconciliation. Only the fields listed here are filled; ids
 * are strings (as Paybridge's ingress stores webhook ids), money is REST's fixed-decimal text.
 *
 * @module
 */
import { fromShopifyMoney, toShopifyDecimal } from '../money';
import type { ChangedOrder } from './changed-orders-query';

type Bag = ChangedOrder['totalPriceSet'];

function decimal(bag: Bag | null): string | null {
  return bag ? toShopifyDecimal(fromShopifyMoney(bag.shopMoney)) : null;
}

/** A REST-shaped order, as in an `orders/*` webhook (the subset reconciliation fills). */
export function restOrder(order: ChangedOrder): Record<string, unknown> {
  return {
    id: order.legacyResourceId,
    admin_graphql_api_id: order.id,
    name: order.name,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    currency: order.currencyCode,
    financial_status: order.displayFinancialStatus?.toLowerCase() ?? null,
    payment_gateway_names: order.paymentGatewayNames,
    total_price: decimal(order.totalPriceSet),
    subtotal_price: decimal(order.subtotalPriceSet),
    total_tax: decimal(order.totalTaxSet),
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
      id: item.id.split('/').pop() ?? item.id,
      admin_graphql_api_id: item.id,
      title: item.title,
      quantity: item.quantity,
      sku: item.sku,
      price: decimal(item.originalUnitPriceSet),
    })),
  };
}

/** A REST-shaped refund, as in a `refunds/create` webhook (the subset reconciliation fills). */
export function restRefund(
  order: ChangedOrder,
  refund: ChangedOrder['refunds'][number],
): Record<string, unknown> {
  return {
    id: refund.legacyResourceId,
    admin_graphql_api_id: refund.id,
    order_id: order.legacyResourceId,
    created_at: refund.createdAt,
    note: refund.note,
    transactions: refund.transactions.nodes.map((t) => ({
      id: t.id.split('/').pop() ?? t.id,
      admin_graphql_api_id: t.id,
      order_id: order.legacyResourceId,
      kind: t.kind.toLowerCase(),
      status: t.status.toLowerCase(),
      gateway: t.gateway,
      amount: decimal(t.amountSet),
      currency: t.amountSet.shopMoney.currencyCode,
    })),
  };
}
