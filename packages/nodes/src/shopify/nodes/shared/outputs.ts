/**
 * What Shopify nodes hand to the flow: Paybridge's shapes, not Shopify's. Money is integer minor
 * units with a currency; every id is a string, both the global id and the legacy number (which
 * exceeds 2^53). Browser-safe: definitions use these for mapping hints.
 *
 * @module
 */
import { z } from 'zod';
import { Money } from '../../money';

/** A transaction on an order or refund. */
export const ShopifyTransaction = z.object({
  id: z.string(),
  legacyId: z.string(),
  /** `SALE`, `AUTHORIZATION`, `CAPTURE`, `REFUND`, `VOID`, … */
  kind: z.string(),
  /** `SUCCESS`, `PENDING`, `FAILURE`, `ERROR`, … */
  status: z.string(),
  gateway: z.string().nullable(),
  /** In the shop's currency. */
  amount: Money,
  /** In the currency the customer paid in. */
  presentmentAmount: Money,
  parentId: z.string().nullable(),
  authorizationCode: z.string().nullable(),
  errorCode: z.string().nullable(),
  processedAt: z.string().nullable(),
  createdAt: z.string(),
  test: z.boolean(),
});
export type ShopifyTransaction = z.infer<typeof ShopifyTransaction>;

/** A metafield. `value` is always text (JSON types hold JSON text). */
export const ShopifyMetafield = z.object({
  id: z.string(),
  namespace: z.string(),
  key: z.string(),
  type: z.string(),
  value: z.string(),
});
export type ShopifyMetafield = z.infer<typeof ShopifyMetafield>;

/** The payment picture of an order. Amounts in the shop's currency. */
export const ShopifyPaymentState = z.object({
  /** `PENDING`, `AUTHORIZED`, `PARTIALLY_PAID`, `PAID`, `PARTIALLY_REFUNDED`, `REFUNDED`, `VOIDED`, `EXPIRED`; display only. */
  financialStatus: z.string().nullable(),
  canMarkAsPaid: z.boolean(),
  fullyPaid: z.boolean(),
  outstanding: Money,
  received: Money,
});
export type ShopifyPaymentState = z.infer<typeof ShopifyPaymentState>;

/** An order as get-order returns it. */
export const ShopifyOrder = z.object({
  id: z.string(),
  legacyId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  currency: z.string(),
  presentmentCurrency: z.string(),
  financialStatus: z.string().nullable(),
  canMarkAsPaid: z.boolean(),
  fullyPaid: z.boolean(),
  unpaid: z.boolean(),
  total: Money,
  presentmentTotal: Money,
  outstanding: Money,
  received: Money,
  refunded: Money,
  paymentGatewayNames: z.array(z.string()),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  customer: z
    .object({
      id: z.string(),
      legacyId: z.string(),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
  transactions: z.array(ShopifyTransaction),
  metafields: z.array(ShopifyMetafield),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;

/** An order as list-orders returns it. */
export const ShopifyOrderSummary = z.object({
  id: z.string(),
  legacyId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  financialStatus: z.string().nullable(),
  total: Money,
  paymentGatewayNames: z.array(z.string()),
  note: z.string().nullable(),
  tags: z.array(z.string()),
});
export type ShopifyOrderSummary = z.infer<typeof ShopifyOrderSummary>;

/** A customer as get-customer returns it. */
export const ShopifyCustomer = z.object({
  id: z.string(),
  legacyId: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  /** The PayTrace vault profile id from metafield `paytrace.customer_vault_id`, if set. */
  paytraceVaultId: z.string().nullable(),
  metafields: z.array(ShopifyMetafield),
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomer>;

/** A refund as get-refund returns it. */
export const ShopifyRefund = z.object({
  id: z.string(),
  legacyId: z.string(),
  orderId: z.string(),
  orderLegacyId: z.string(),
  orderName: z.string(),
  createdAt: z.string().nullable(),
  note: z.string().nullable(),
  total: Money,
  presentmentTotal: Money,
  transactions: z.array(ShopifyTransaction),
  lineItems: z.array(
    z.object({
      lineItemId: z.string(),
      sku: z.string().nullable(),
      title: z.string(),
      quantity: z.int(),
      restockType: z.string(),
      subtotal: Money,
    }),
  ),
});
export type ShopifyRefund = z.infer<typeof ShopifyRefund>;
