/**
 * Ledger customers, keyed by the flow's reference and carrying the external ids a merchant's
 * other systems know them by (Shopify customer, PayTrace vault profile).
 *
 * @module
 */
import { CustomerInput, ErpError, type CustomerRecord, type Posted } from '@paybridge/nodes/erp';
import type { LedgerSql } from './ledger-sql';

interface CustomerRow {
  id: string;
  external_ref: string;
  name: string;
  email: string | null;
  shopify_customer_id: string | null;
  paytrace_customer_id: string | null;
}

function toRecord(row: CustomerRow): CustomerRecord {
  return {
    type: 'customer',
    id: row.id,
    externalRef: row.external_ref,
    name: row.name,
    email: row.email,
    shopifyCustomerId: row.shopify_customer_id,
    paytraceCustomerId: row.paytrace_customer_id,
  };
}

/** Reads a customer by reference; null when absent. */
export async function findCustomer(sql: LedgerSql, ref: string): Promise<CustomerRecord | null> {
  const [row] = await sql<
    CustomerRow[]
  >`select * from ledger.customers where external_ref = ${ref}`;
  return row ? toRecord(row) : null;
}

/** A customer's id by reference, or a not-found error naming the reference. */
export async function customerId(sql: LedgerSql, ref: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select id from ledger.customers where external_ref = ${ref}`;
  if (!row) throw new ErpError('not-found', 'CUSTOMER_NOT_FOUND', `no customer ${ref}`);
  return row.id;
}

/**
 * Creates the customer or updates it. Fields left out keep their stored value, so a later upsert
 * without the PayTrace vault id does not erase it. `created` tells which happened.
 */
export async function upsertCustomer(
  sql: LedgerSql,
  input: CustomerInput,
): Promise<Posted<CustomerRecord>> {
  const c = input;
  const [row] = await sql<(CustomerRow & { inserted: boolean })[]>`
    insert into ledger.customers
      (external_ref, name, email, shopify_customer_id, paytrace_customer_id)
    values (${c.externalRef}, ${c.name}, ${c.email ?? null}, ${c.shopifyCustomerId ?? null},
      ${c.paytraceCustomerId ?? null})
    on conflict (external_ref) do update set
      name = excluded.name,
      email = coalesce(excluded.email, customers.email),
      shopify_customer_id = coalesce(excluded.shopify_customer_id, customers.shopify_customer_id),
      paytrace_customer_id = coalesce(excluded.paytrace_customer_id, customers.paytrace_customer_id),
      updated_at = now()
    returning *, (xmax = 0) as inserted`;
  return { document: toRecord(row!), created: row!.inserted };
}
