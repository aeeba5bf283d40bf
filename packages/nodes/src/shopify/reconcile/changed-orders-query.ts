/**
 * The reconciliation poller's one query: orders updated since a moment, newest change last, with
 * what a REST-shaped webhook body needs (see `rest-order.ts`). Server-side only.
 *
 * @module
 */
import { z } from 'zod';
import type { QueryOperation } from '../client/operation';

const MoneyBag = z.object({
  shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
});

const Refund = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  createdAt: z.string(),
  note: z.string().nullable(),
  totalRefundedSet: MoneyBag,
  transactions: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        status: z.string(),
        gateway: z.string().nullable(),
        amountSet: MoneyBag,
      }),
    ),
  }),
});

export const ChangedOrder = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  paymentGatewayNames: z.array(z.string()),
  currencyCode: z.string(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  test: z.boolean(),
  totalPriceSet: MoneyBag,
  subtotalPriceSet: MoneyBag.nullable(),
  totalTaxSet: MoneyBag.nullable(),
  customer: z
    .object({
      id: z.string(),
      legacyResourceId: z.string(),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        quantity: z.number().int(),
        sku: z.string().nullable(),
        originalUnitPriceSet: MoneyBag,
      }),
    ),
  }),
  refunds: z.array(Refund),
});
export type ChangedOrder = z.infer<typeof ChangedOrder>;

/** Small pages keep each query well under Shopify's 1000-point limit. */
const PAGE = 10;
const LINE_ITEMS = 20;
const REFUNDS = 5;
const REFUND_TRANSACTIONS = 5;

/** The query's `data`. */
export interface ChangedOrdersData {
  orders: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ChangedOrder[];
  };
}

export const changedOrdersQuery: QueryOperation<
  z.ZodObject<{ after: z.ZodNullable<z.ZodString>; query: z.ZodString }>,
  z.ZodType<ChangedOrdersData>
> = {
  kind: 'query',
  name: 'ReconcileOrders',
  document: `query ReconcileOrders($after: String, $query: String!) {
  orders(first: ${PAGE}, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id legacyResourceId name email createdAt updatedAt processedAt cancelledAt
      displayFinancialStatus paymentGatewayNames currencyCode note tags test
      totalPriceSet { shopMoney { amount currencyCode } }
      subtotalPriceSet { shopMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } }
      customer { id legacyResourceId email firstName lastName }
      lineItems(first: ${LINE_ITEMS}) {
        nodes { id title quantity sku originalUnitPriceSet { shopMoney { amount currencyCode } } }
      }
      refunds(first: ${REFUNDS}) {
        id legacyResourceId createdAt note
        totalRefundedSet { shopMoney { amount currencyCode } }
        transactions(first: ${REFUND_TRANSACTIONS}) {
          nodes { id kind status gateway amountSet { shopMoney { amount currencyCode } } }
        }
      }
    }
  }
}`,
  variables: z.object({ after: z.string().nullable(), query: z.string() }),
  data: z.object({
    orders: z.object({
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(ChangedOrder),
    }),
  }),
  // Per order: itself and its money and customer objects, a line-item connection, refunds each
  // with a transaction connection.
  cost: () => 2 + PAGE * (6 + (2 + LINE_ITEMS) + REFUNDS * (2 + (2 + REFUND_TRANSACTIONS))),
};
