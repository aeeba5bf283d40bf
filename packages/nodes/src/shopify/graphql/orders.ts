/**
 * Order queries: one order in full (transactions, customer, metafields), the payment state a
 * payment needs before it acts, the note and tags a merge needs, and a page of orders.
 *
 * @module
 */
import { z } from 'zod';
import { defineQuery } from '../client/operation';
import {
  Gid,
  LegacyId,
  METAFIELD,
  MONEY_BAG,
  nodesOf,
  TRANSACTION,
  WireMetafield,
  WireMoneyBag,
  WireTransaction,
} from './wire';

/** Transactions read per order; orders with more are rare (split tender, many captures). */
export const ORDER_TRANSACTIONS = 50;
/** Metafields read per order. */
export const ORDER_METAFIELDS = 50;

const PAYMENT_STATE = `id legacyResourceId name currencyCode displayFinancialStatus canMarkAsPaid
  fullyPaid unpaid cancelledAt
  totalPriceSet { ${MONEY_BAG} } totalOutstandingSet { ${MONEY_BAG} }
  totalReceivedSet { ${MONEY_BAG} } totalRefundedSet { ${MONEY_BAG} }
  transactions(first: ${ORDER_TRANSACTIONS}) { ${TRANSACTION} }`;

/** An order's payment state as selected by `PAYMENT_STATE`. */
export const WirePaymentState = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  currencyCode: z.string(),
  displayFinancialStatus: z.string().nullable(),
  canMarkAsPaid: z.boolean(),
  fullyPaid: z.boolean(),
  unpaid: z.boolean(),
  cancelledAt: z.string().nullable(),
  totalPriceSet: WireMoneyBag,
  totalOutstandingSet: WireMoneyBag,
  totalReceivedSet: WireMoneyBag,
  totalRefundedSet: WireMoneyBag,
  transactions: z.array(WireTransaction),
});
export type WirePaymentState = z.infer<typeof WirePaymentState>;

/** The full order of the get-order node. */
export const WireOrder = WirePaymentState.extend({
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  test: z.boolean(),
  presentmentCurrencyCode: z.string(),
  paymentGatewayNames: z.array(z.string()),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  customer: z
    .object({
      id: Gid,
      legacyResourceId: LegacyId,
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
  metafields: nodesOf(WireMetafield),
});
export type WireOrder = z.infer<typeof WireOrder>;

const ById = z.object({ id: Gid });

/** One order with everything the get-order node returns. */
export const getOrder = defineQuery({
  name: 'GetOrder',
  document: `query GetOrder($id: ID!) {
  order(id: $id) {
    ${PAYMENT_STATE}
    email createdAt updatedAt processedAt test presentmentCurrencyCode paymentGatewayNames note tags
    customer { id legacyResourceId email firstName lastName }
    metafields(first: ${ORDER_METAFIELDS}) { nodes { ${METAFIELD} } }
  }
}`,
  variables: ById,
  data: z.object({ order: WireOrder.nullable() }),
  cost: () => 20 + ORDER_TRANSACTIONS * 5 + ORDER_METAFIELDS + 2,
});

/** What a payment must know before it acts: can it be marked paid, what is outstanding. */
export const getOrderPaymentState = defineQuery({
  name: 'GetOrderPaymentState',
  document: `query GetOrderPaymentState($id: ID!) { order(id: $id) { ${PAYMENT_STATE} } }`,
  variables: ById,
  data: z.object({ order: WirePaymentState.nullable() }),
  cost: () => 13 + ORDER_TRANSACTIONS * 5,
});

/** Payment state with tags: what deciding on a PayTrace result needs. */
export const getOrderPaymentFacts = defineQuery({
  name: 'GetOrderPaymentFacts',
  document: `query GetOrderPaymentFacts($id: ID!) { order(id: $id) { ${PAYMENT_STATE} tags } }`,
  variables: ById,
  data: z.object({ order: WirePaymentState.extend({ tags: z.array(z.string()) }).nullable() }),
  cost: () => 13 + ORDER_TRANSACTIONS * 5,
});

/** The note and tags an append or merge starts from. */
export const getOrderNoteTags = defineQuery({
  name: 'GetOrderNoteTags',
  document: `query GetOrderNoteTags($id: ID!) { order(id: $id) { id legacyResourceId note tags } }`,
  variables: ById,
  data: z.object({
    order: z
      .object({
        id: Gid,
        legacyResourceId: LegacyId,
        note: z.string().nullable(),
        tags: z.array(z.string()),
      })
      .nullable(),
  }),
  cost: () => 1,
});

/** Largest page Shopify serves. */
export const MAX_PAGE_SIZE = 250;
/** Requested cost of one order in a page: the order, its total's bag and the shop money in it. */
const SUMMARY_NODE_COST = 3;

/** An order as listed. */
export const WireOrderSummary = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  currencyCode: z.string(),
  displayFinancialStatus: z.string().nullable(),
  paymentGatewayNames: z.array(z.string()),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  totalPriceSet: z.object({
    shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
  }),
});
export type WireOrderSummary = z.infer<typeof WireOrderSummary>;

/**
 * A page of orders by last update, oldest first, filtered with Shopify's search syntax. Three
 * points per order keeps a full page of 250 under the 1000-point limit of a single query.
 */
export const listOrders = defineQuery({
  name: 'ListOrders',
  document: `query ListOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id legacyResourceId name email createdAt updatedAt processedAt cancelledAt test currencyCode
      displayFinancialStatus paymentGatewayNames note tags
      totalPriceSet { shopMoney { amount currencyCode } }
    }
  }
}`,
  variables: z.object({
    first: z.int().min(1).max(MAX_PAGE_SIZE),
    after: z.string().nullable(),
    query: z.string().nullable(),
  }),
  data: z.object({
    orders: z.object({
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(WireOrderSummary),
    }),
  }),
  cost: (variables) => 2 + variables.first * SUMMARY_NODE_COST,
});
