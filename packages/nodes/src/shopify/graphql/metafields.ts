/**
 * `metafieldsSet` (up to 25 per call, all or nothing) and the reads that check what an owner
 * holds before a write is repeated.
 *
 * @module
 */
import { z } from 'zod';
import { defineMutation, defineQuery } from '../client/operation';
import { Gid, METAFIELD, nodesOf, WireCodedUserError, WireMetafield } from './wire';

/** Shopify's limit per `metafieldsSet` call. */
export const MAX_METAFIELDS_PER_SET = 25;

/** One metafield to write. */
export const MetafieldsSetInput = z.object({
  ownerId: Gid,
  namespace: z.string().min(3).max(255),
  key: z.string().min(2).max(64),
  type: z.string().min(1),
  value: z.string(),
});
export type MetafieldsSetInput = z.infer<typeof MetafieldsSetInput>;

/** Writes up to 25 metafields atomically. */
export const metafieldsSet = defineMutation({
  name: 'MetafieldsSet',
  document: `mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { ${METAFIELD} }
    userErrors { field message code }
  }
}`,
  variables: z.object({
    metafields: z.array(MetafieldsSetInput).min(1).max(MAX_METAFIELDS_PER_SET),
  }),
  data: z.object({
    metafieldsSet: z.object({
      metafields: z.array(WireMetafield).nullable(),
      userErrors: z.array(WireCodedUserError),
    }),
  }),
  userErrors: (data) => data.metafieldsSet.userErrors,
});

/** Metafields read back when checking an owner. */
export const OWNER_METAFIELDS = 250;

const OwnerMetafields = z.object({ id: Gid, metafields: nodesOf(WireMetafield) }).nullable();

/** An order's metafields. */
export const getOrderMetafields = defineQuery({
  name: 'GetOrderMetafields',
  document: `query GetOrderMetafields($id: ID!) {
  order(id: $id) { id metafields(first: ${OWNER_METAFIELDS}) { nodes { ${METAFIELD} } } }
}`,
  variables: z.object({ id: Gid }),
  data: z.object({ order: OwnerMetafields }),
  cost: () => 3 + OWNER_METAFIELDS,
});

/** A customer's metafields. */
export const getCustomerMetafields = defineQuery({
  name: 'GetCustomerMetafields',
  document: `query GetCustomerMetafields($id: ID!) {
  customer(id: $id) { id metafields(first: ${OWNER_METAFIELDS}) { nodes { ${METAFIELD} } } }
}`,
  variables: z.object({ id: Gid }),
  data: z.object({ customer: OwnerMetafields }),
  cost: () => 3 + OWNER_METAFIELDS,
});
