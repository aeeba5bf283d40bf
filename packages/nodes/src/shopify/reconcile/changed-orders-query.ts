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
  totalDiscountsSet: MoneyBag.nullable(),
  totalShippingPriceSet: MoneyBag,
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
    pageInfo: z.object({ hasNextPage: z.boolean() }),
  }),
});
export type ChangedOrder = z.infer<typeof ChangedOrder>;

/** The order fields a REST-shaped body needs, shared by the details query. */
const ORDER_FIELDS = `id legacyResourceId name email createdAt updatedAt processedAt cancelledAt
      displayFinancialStatus paymentGatewayNames currencyCode note tags test
      totalPriceSet { shopMoney { amount currencyCode } }
      subtotalPriceSet { shopMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } }
      totalDiscountsSet { shopMoney { amount currencyCode } }
      totalShippingPriceSet { shopMoney { amount currencyCode } }
      customer { id legacyResourceId email firstName lastName }
      lineItems(first: 50) {
        pageInfo { hasNextPage }
        nodes { id title quantity sku originalUnitPriceSet { shopMoney { amount currencyCode } } }
      }
`;

/** Requested cost of one order with ORDER_FIELDS (see Shopify's cost rules). */
const ORDER_COST = 1 + 5 * 2 + 1 + (2 + 1 + 50 * 3);

/** What changed, cheaply: enough to tell which events are new before reading any detail. */
export const OrderStamp = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  displayFinancialStatus: z.string().nullable(),
  paymentGatewayNames: z.array(z.string()),
  refunds: z.array(z.object({ legacyResourceId: z.string(), createdAt: z.string() })),
});
export type OrderStamp = z.infer<typeof OrderStamp>;

/** The stamps query's `data`. */
export interface OrderStampsData {
  orders: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: OrderStamp[];
  };
}

const STAMPS_PAGE = 100;

/** Orders updated since a moment, oldest change first, 100 per page at about 500 points. */
export const orderStampsQuery: QueryOperation<
  z.ZodObject<{ after: z.ZodNullable<z.ZodString>; query: z.ZodString }>,
  z.ZodType<OrderStampsData>
> = {
  kind: 'query',
  name: 'ReconcileOrderStamps',
  document: `query ReconcileOrderStamps($after: String, $query: String!) {
  orders(first: ${STAMPS_PAGE}, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id legacyResourceId createdAt updatedAt displayFinancialStatus paymentGatewayNames
      refunds(first: 3) { legacyResourceId createdAt }
    }
  }
}`,
  variables: z.object({ after: z.string().nullable(), query: z.string() }),
  data: z.object({
    orders: z.object({
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(OrderStamp),
    }),
  }),
  cost: () => 2 + STAMPS_PAGE * (1 + 3),
};

/** At most this many orders' details per query (5 × ~165 points). */
export const DETAILS_BATCH = 5;

/** The details query's `data`: the orders asked for, null for ids that no longer exist. */
export interface OrderDetailsData {
  nodes: (ChangedOrder | null)[];
}

/** Full details of a few orders by global id, for the changes not seen before. */
export const orderDetailsQuery: QueryOperation<
  z.ZodObject<{ ids: z.ZodArray<z.ZodString> }>,
  z.ZodType<OrderDetailsData>
> = {
  kind: 'query',
  name: 'ReconcileOrderDetails',
  document: `query ReconcileOrderDetails($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      ${ORDER_FIELDS}
    }
  }
}`,
  variables: z.object({ ids: z.array(z.string()).min(1).max(DETAILS_BATCH) }),
  data: z.object({ nodes: z.array(ChangedOrder.nullable()) }),
  cost: (v) => 2 + v.ids.length * ORDER_COST,
};
