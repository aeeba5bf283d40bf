/**
 * What the QuickBooks document modules share: the client, the account resolver and a cache of
 * customers by reference for the adapter's lifetime.
 *
 * @module
 */
import { ErpError } from '../errors';
import type { AccountResolver } from './accounts';
import type { QuickbooksClient } from './client';
import { findCustomer } from './lookup';
import { refFromDisplayName } from './references';

type Json = Record<string, unknown>;

/** Shared state of one adapter. */
export interface QboDocs {
  client: QuickbooksClient;
  accounts: AccountResolver;
  customers: Map<string, Json>;
}

/** The customer with reference `ref`, or a not-found error. */
export async function requireCustomer(docs: QboDocs, ref: string): Promise<Json> {
  const cached = docs.customers.get(ref);
  if (cached) return cached;
  const found = await findCustomer(docs.client, ref);
  if (!found) throw new ErpError('not-found', 'CUSTOMER_NOT_FOUND', `no customer ${ref}`);
  docs.customers.set(ref, found);
  return found;
}

/** The Paybridge reference of the customer a transaction names (read when not cached). */
export async function customerRefOf(docs: QboDocs, entity: Json): Promise<string> {
  const id = (entity.CustomerRef as { value?: unknown } | undefined)?.value;
  for (const [ref, customer] of docs.customers) if (customer.Id === id) return ref;
  const customer = await docs.client.read('Customer', String(id));
  return refFromDisplayName(customer.DisplayName) ?? String(id);
}

/** The reference a customer entity as a `{ value, name }` pair for transactions. */
export function customerRef(customer: Json): { value: string; name: string } {
  return { value: String(customer.Id), name: String(customer.DisplayName) };
}
