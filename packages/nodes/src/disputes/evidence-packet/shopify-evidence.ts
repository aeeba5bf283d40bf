/**
 * What the evidence packet reads from Shopify: the disputed order in full (line items,
 * addresses, customer, refunds, the shopper's IP, fulfilment status) and the customer's other
 * orders. Declared once like every Shopify operation, validated on the way in.
 *
 * @module
 */
import { z } from 'zod';
import { defineQuery } from '../../shopify/client/operation';
import { Gid, LegacyId, MONEY_BAG, WireMoneyBag } from '../../shopify/graphql/wire';

/** Line items, refunds and prior orders read at most. */
export const PACKET_LINES = 50;
export const PACKET_REFUNDS = 20;
export const PACKET_PRIOR_ORDERS = 10;
export const PACKET_FULFILLMENTS = 10;

const ADDRESS = 'name address1 address2 city province zip country';
const WireAddress = z
  .object({
    name: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    zip: z.string().nullable(),
    country: z.string().nullable(),
  })
  .nullable();
export type WireAddress = z.infer<typeof WireAddress>;

export const WireEvidenceOrder = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  createdAt: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  clientIp: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  totalPriceSet: WireMoneyBag,
  customer: z
    .object({
      id: Gid,
      legacyResourceId: LegacyId,
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      email: z.string().nullable(),
      note: z.string().nullable(),
      numberOfOrders: z.union([z.string(), z.number()]),
    })
    .nullable(),
  billingAddress: WireAddress,
  shippingAddress: WireAddress,
  lineItems: z.object({
    nodes: z.array(
      z.object({
        title: z.string(),
        sku: z.string().nullable(),
        quantity: z.number().int(),
        originalUnitPriceSet: WireMoneyBag,
      }),
    ),
  }),
  fulfillments: z.array(
    z.object({
      status: z.string(),
      createdAt: z.string(),
      trackingInfo: z.array(
        z.object({
          company: z.string().nullable(),
          number: z.string().nullable(),
          url: z.string().nullable(),
        }),
      ),
    }),
  ),
  refunds: z.array(
    z.object({
      id: Gid,
      createdAt: z.string().nullable(),
      note: z.string().nullable(),
      totalRefundedSet: WireMoneyBag,
    }),
  ),
});
export type WireEvidenceOrder = z.infer<typeof WireEvidenceOrder>;

const ORDER_FIELDS = `id legacyResourceId name createdAt email phone note clientIp
  displayFinancialStatus displayFulfillmentStatus totalPriceSet { ${MONEY_BAG} }
  customer { id legacyResourceId firstName lastName email note numberOfOrders }
  billingAddress { ${ADDRESS} } shippingAddress { ${ADDRESS} }
  lineItems(first: ${PACKET_LINES}) { nodes { title sku quantity originalUnitPriceSet { ${MONEY_BAG} } } }
  fulfillments(first: ${PACKET_FULFILLMENTS}) { status createdAt trackingInfo(first: 5) { company number url } }
  refunds(first: ${PACKET_REFUNDS}) { id createdAt note totalRefundedSet { ${MONEY_BAG} } }`;

/** The disputed order by id. */
export const getEvidenceOrder = defineQuery({
  name: 'GetEvidenceOrder',
  document: `query GetEvidenceOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
  variables: z.object({ id: Gid }),
  data: z.object({ order: WireEvidenceOrder.nullable() }),
  cost: () => 10 + PACKET_LINES * 2 + PACKET_REFUNDS * 2 + PACKET_FULFILLMENTS * 2,
});

/** The disputed order found by a search (its name, `name:#1001`). */
export const findEvidenceOrder = defineQuery({
  name: 'FindEvidenceOrder',
  document: `query FindEvidenceOrder($query: String!) {
  orders(first: 1, query: $query) { nodes { ${ORDER_FIELDS} } }
}`,
  variables: z.object({ query: z.string().min(1).max(500) }),
  data: z.object({ orders: z.object({ nodes: z.array(WireEvidenceOrder) }) }),
  cost: () => 12 + PACKET_LINES * 2 + PACKET_REFUNDS * 2 + PACKET_FULFILLMENTS * 2,
});

export const WirePriorOrder = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  createdAt: z.string(),
  displayFinancialStatus: z.string().nullable(),
  totalPriceSet: WireMoneyBag,
});

/** The customer's most recent orders (the disputed one among them). */
export const customerOrders = defineQuery({
  name: 'CustomerOrders',
  document: `query CustomerOrders($query: String!) {
  orders(first: ${PACKET_PRIOR_ORDERS + 1}, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes { id legacyResourceId name createdAt displayFinancialStatus totalPriceSet { ${MONEY_BAG} } }
  }
}`,
  variables: z.object({ query: z.string().min(1).max(500) }),
  data: z.object({ orders: z.object({ nodes: z.array(WirePriorOrder) }) }),
  cost: () => 2 + (PACKET_PRIOR_ORDERS + 1) * 3,
});
