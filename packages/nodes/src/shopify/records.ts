/**
 * Shopify's answers turned into what flows see (`nodes/shared/outputs.ts`): money as minor units,
 * ids as exact strings, connections flattened. Pure.
 *
 * @module
 */
import { legacyIdOf } from './ids';
import { fromShopifyMoney, type Money } from './money';
import type { WireCustomer } from './graphql/customers';
import type { WireOrder, WireOrderSummary, WirePaymentState } from './graphql/orders';
import type { WireOrderAfter } from './graphql/payment-mutations';
import type { WireRefund } from './graphql/refunds';
import type { WireMetafield, WireMoneyBag, WireTransaction } from './graphql/wire';
import type {
  ShopifyCustomer,
  ShopifyMetafield,
  ShopifyOrder,
  ShopifyOrderSummary,
  ShopifyPaymentState,
  ShopifyRefund,
  ShopifyTransaction,
} from './nodes/shared/outputs';

function legacy(gid: string): string {
  return legacyIdOf(gid) ?? '';
}

function shop(bag: WireMoneyBag): Money {
  return fromShopifyMoney(bag.shopMoney);
}

/** A transaction. */
export function toTransaction(t: WireTransaction): ShopifyTransaction {
  return {
    id: t.id,
    legacyId: legacy(t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    amount: shop(t.amountSet),
    presentmentAmount: fromShopifyMoney(t.amountSet.presentmentMoney),
    parentId: t.parentTransaction?.id ?? null,
    authorizationCode: t.authorizationCode,
    errorCode: t.errorCode,
    processedAt: t.processedAt,
    createdAt: t.createdAt,
    test: t.test,
  };
}

/** A metafield (the wire shape is already ours). */
export function toMetafield(m: WireMetafield): ShopifyMetafield {
  return { id: m.id, namespace: m.namespace, key: m.key, type: m.type, value: m.value };
}

/** The payment picture after a read or a payment mutation. */
export function toPaymentState(o: WirePaymentState | WireOrderAfter): ShopifyPaymentState {
  return {
    financialStatus: o.displayFinancialStatus,
    canMarkAsPaid: o.canMarkAsPaid,
    fullyPaid: o.fullyPaid,
    outstanding: shop(o.totalOutstandingSet),
    received: shop(o.totalReceivedSet),
  };
}

/** A full order. */
export function toOrder(o: WireOrder): ShopifyOrder {
  return {
    id: o.id,
    legacyId: o.legacyResourceId,
    name: o.name,
    email: o.email,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.processedAt,
    cancelledAt: o.cancelledAt,
    test: o.test,
    currency: o.currencyCode,
    presentmentCurrency: o.presentmentCurrencyCode,
    financialStatus: o.displayFinancialStatus,
    canMarkAsPaid: o.canMarkAsPaid,
    fullyPaid: o.fullyPaid,
    unpaid: o.unpaid,
    total: shop(o.totalPriceSet),
    presentmentTotal: fromShopifyMoney(o.totalPriceSet.presentmentMoney),
    outstanding: shop(o.totalOutstandingSet),
    received: shop(o.totalReceivedSet),
    refunded: shop(o.totalRefundedSet),
    paymentGatewayNames: o.paymentGatewayNames,
    note: o.note,
    tags: o.tags,
    customer: o.customer
      ? {
          id: o.customer.id,
          legacyId: o.customer.legacyResourceId,
          email: o.customer.email,
          firstName: o.customer.firstName,
          lastName: o.customer.lastName,
        }
      : null,
    transactions: o.transactions.map(toTransaction),
    metafields: o.metafields.nodes.map(toMetafield),
  };
}

/** An order in a list. */
export function toOrderSummary(o: WireOrderSummary): ShopifyOrderSummary {
  return {
    id: o.id,
    legacyId: o.legacyResourceId,
    name: o.name,
    email: o.email,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.processedAt,
    cancelledAt: o.cancelledAt,
    test: o.test,
    financialStatus: o.displayFinancialStatus,
    total: fromShopifyMoney(o.totalPriceSet.shopMoney),
    paymentGatewayNames: o.paymentGatewayNames,
    note: o.note,
    tags: o.tags,
  };
}

/** A customer. */
export function toCustomer(c: WireCustomer): ShopifyCustomer {
  return {
    id: c.id,
    legacyId: c.legacyResourceId,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    note: c.note,
    tags: c.tags,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    paytraceVaultId: c.vaultId?.value ?? null,
    metafields: c.metafields.nodes.map(toMetafield),
  };
}

/** A refund. */
export function toRefund(r: WireRefund): ShopifyRefund {
  return {
    id: r.id,
    legacyId: r.legacyResourceId,
    orderId: r.order.id,
    orderLegacyId: r.order.legacyResourceId,
    orderName: r.order.name,
    createdAt: r.createdAt,
    note: r.note,
    total: shop(r.totalRefundedSet),
    presentmentTotal: fromShopifyMoney(r.totalRefundedSet.presentmentMoney),
    transactions: r.transactions.nodes.map(toTransaction),
    lineItems: r.refundLineItems.nodes.map((line) => ({
      lineItemId: line.lineItem.id,
      sku: line.lineItem.sku,
      title: line.lineItem.title,
      quantity: line.quantity,
      restockType: line.restockType,
      subtotal: shop(line.subtotalSet),
    })),
  };
}
