/**
 * The reconciliation poller's refund query: a few refunds by global id, with everything a
 * `refunds/create` webhook body carries that flows use (refunded lines with their amounts and
 * tax, refunded shipping, order adjustments, transactions). Server-side only.
 *
 * @module
 */
import { z } from 'zod';
import type { QueryOperation } from '../client/operation';

const MoneyBag = z.object({
  shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
});
const More = z.object({ hasNextPage: z.boolean() });

/** Refunded lines, shipping lines, adjustments and transactions read per refund. */
export const REFUND_PAGE = { lines: 20, shipping: 5, adjustments: 10, transactions: 10 } as const;

export const RecoveredRefund = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  createdAt: z.string().nullable(),
  note: z.string().nullable(),
  order: z.object({ id: z.string(), legacyResourceId: z.string() }),
  totalRefundedSet: MoneyBag,
  refundLineItems: z.object({
    pageInfo: More,
    nodes: z.array(
      z.object({
        id: z.string().nullable(),
        quantity: z.number().int(),
        restockType: z.string(),
        subtotalSet: MoneyBag,
        totalTaxSet: MoneyBag,
        lineItem: z.object({
          id: z.string(),
          title: z.string(),
          name: z.string(),
          sku: z.string().nullable(),
          quantity: z.number().int(),
          originalUnitPriceSet: MoneyBag,
        }),
      }),
    ),
  }),
  refundShippingLines: z.object({
    pageInfo: More,
    nodes: z.array(
      z.object({
        id: z.string(),
        subtotalAmountSet: MoneyBag,
        taxAmountSet: MoneyBag,
        shippingLine: z.object({ id: z.string().nullable(), title: z.string() }),
      }),
    ),
  }),
  orderAdjustments: z.object({
    pageInfo: More,
    nodes: z.array(
      z.object({
        id: z.string(),
        reason: z.string().nullable(),
        amountSet: MoneyBag,
        taxAmountSet: MoneyBag,
      }),
    ),
  }),
  transactions: z.object({
    pageInfo: More,
    nodes: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        status: z.string(),
        gateway: z.string().nullable(),
        processedAt: z.string().nullable(),
        amountSet: MoneyBag,
        parentTransaction: z.object({ id: z.string() }).nullable(),
      }),
    ),
  }),
});
export type RecoveredRefund = z.infer<typeof RecoveredRefund>;

const BAG = 'shopMoney { amount currencyCode }';

/** Requested cost of one refund (objects 1, a money bag 2, connections 2 + first × node). */
const REFUND_COST =
  1 +
  1 +
  2 +
  (3 + REFUND_PAGE.lines * (1 + 2 + 2 + (1 + 2))) +
  (3 + REFUND_PAGE.shipping * (1 + 2 + 2 + 1)) +
  (3 + REFUND_PAGE.adjustments * (1 + 2 + 2)) +
  (3 + REFUND_PAGE.transactions * (1 + 2 + 1));

/** At most this many refunds per query (3 × ~300 points, under Shopify's 1000 per query). */
export const REFUND_BATCH = 3;

/** The refund query's `data`: null for ids that no longer exist. */
export interface RefundDetailsData {
  nodes: (RecoveredRefund | null)[];
}

/** Full details of a few refunds by global id. */
export const refundDetailsQuery: QueryOperation<
  z.ZodObject<{ ids: z.ZodArray<z.ZodString> }>,
  z.ZodType<RefundDetailsData>
> = {
  kind: 'query',
  name: 'ReconcileRefundDetails',
  document: `query ReconcileRefundDetails($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Refund {
      id legacyResourceId createdAt note
      order { id legacyResourceId }
      totalRefundedSet { ${BAG} }
      refundLineItems(first: ${REFUND_PAGE.lines}) {
        pageInfo { hasNextPage }
        nodes {
          id quantity restockType
          subtotalSet { ${BAG} }
          totalTaxSet { ${BAG} }
          lineItem { id title name sku quantity originalUnitPriceSet { ${BAG} } }
        }
      }
      refundShippingLines(first: ${REFUND_PAGE.shipping}) {
        pageInfo { hasNextPage }
        nodes {
          id
          subtotalAmountSet { ${BAG} }
          taxAmountSet { ${BAG} }
          shippingLine { id title }
        }
      }
      orderAdjustments(first: ${REFUND_PAGE.adjustments}) {
        pageInfo { hasNextPage }
        nodes { id reason amountSet { ${BAG} } taxAmountSet { ${BAG} } }
      }
      transactions(first: ${REFUND_PAGE.transactions}) {
        pageInfo { hasNextPage }
        nodes { id kind status gateway processedAt amountSet { ${BAG} } parentTransaction { id } }
      }
    }
  }
}`,
  variables: z.object({ ids: z.array(z.string()).min(1).max(REFUND_BATCH) }),
  data: z.object({ nodes: z.array(RecoveredRefund.nullable()) }),
  cost: (v) => 2 + v.ids.length * REFUND_COST,
};

/** The shop's time zone, so recovered bodies carry times in the shop's offset as webhooks do. */
export const shopZoneQuery: QueryOperation<
  z.ZodObject<Record<string, never>>,
  z.ZodType<{ shop: { ianaTimezone: string } }>
> = {
  kind: 'query',
  name: 'ReconcileShopZone',
  document: `query ReconcileShopZone { shop { ianaTimezone } }`,
  variables: z.object({}),
  data: z.object({ shop: z.object({ ianaTimezone: z.string() }) }),
  cost: () => 1,
};
