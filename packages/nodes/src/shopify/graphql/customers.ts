/**
 * The customer query: profile fields, the PayTrace vault id kept in metafield
 * `paytrace.customer_vault_id`, and the customer's metafields.
 *
 * @module
 */
import { z } from 'zod';
import { defineQuery } from '../client/operation';
import { Gid, LegacyId, METAFIELD, nodesOf, WireMetafield } from './wire';

/** Metafields read per customer. */
export const CUSTOMER_METAFIELDS = 50;

/** Where Paybridge keeps a customer's PayTrace vault profile id. */
export const VAULT_ID_METAFIELD = { namespace: 'paytrace', key: 'customer_vault_id' } as const;

/** A customer as read. */
export const WireCustomer = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  vaultId: z.object({ value: z.string() }).nullable(),
  metafields: nodesOf(WireMetafield),
});
export type WireCustomer = z.infer<typeof WireCustomer>;

/** One customer with metafields. */
export const getCustomer = defineQuery({
  name: 'GetCustomer',
  document: `query GetCustomer($id: ID!) {
  customer(id: $id) {
    id legacyResourceId email firstName lastName phone note tags createdAt updatedAt
    vaultId: metafield(namespace: "${VAULT_ID_METAFIELD.namespace}", key: "${VAULT_ID_METAFIELD.key}") { value }
    metafields(first: ${CUSTOMER_METAFIELDS}) { nodes { ${METAFIELD} } }
  }
}`,
  variables: z.object({ id: Gid }),
  data: z.object({ customer: WireCustomer.nullable() }),
  cost: () => 4 + CUSTOMER_METAFIELDS,
});
