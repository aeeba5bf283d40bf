/**
 * Creating customers from admin input, optionally with the PayTrace vault id that Paybridge keeps
 * in the `paytrace.customer_vault_id` metafield, so demos can show both the vaulted and the
 * first-time buyer.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { readAddress } from './addresses.js';
import {
  booleanAt,
  InputError,
  objectsAt,
  stringAt,
  tagsAt,
  throwIfAny,
  type Json,
} from './input.js';
import { writeMetafield } from './metafields.js';
import type { SimCustomer } from './records.js';

/** Where Paybridge keeps a customer's PayTrace vault id. */
export const VAULT_METAFIELD = { namespace: 'paytrace', key: 'customer_vault_id' } as const;

/**
 * Creates a customer. Input (REST names): `first_name`, `last_name`, `email`, `phone`, `note`,
 * `tags`, `tax_exempt`, `address` (or `default_address`), `paytrace_vault_id`, `metafields`
 * (`[{namespace, key, type, value}]`). Emails are unique per store, as in Shopify.
 */
export function createCustomer(sim: ShopContext, input: Json): SimCustomer {
  const errors: Record<string, string[]> = {};
  const email = stringAt(input, 'email');
  if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) errors.email = ['is invalid'];
  const taken = [...sim.state.customers.values()].some(
    (c) => email !== null && c.email?.toLowerCase() === email.toLowerCase(),
  );
  if (taken) errors.email = ['has already been taken'];
  throwIfAny(errors);
  const now = wholeSeconds(sim.now());
  const customer: SimCustomer = {
    resource: 'Customer',
    id: sim.state.ids.take(),
    firstName: stringAt(input, 'first_name'),
    lastName: stringAt(input, 'last_name'),
    email,
    phone: stringAt(input, 'phone'),
    note: stringAt(input, 'note'),
    tags: tagsAt(input, 'tags'),
    state: 'disabled',
    verifiedEmail: booleanAt(input, 'verified_email', true),
    taxExempt: booleanAt(input, 'tax_exempt', false),
    currency: sim.settings.shopCurrency,
    defaultAddress: readAddress(sim, input.address ?? input.default_address),
    createdAt: now,
    updatedAt: now,
    metafields: new Map(),
  };
  sim.state.customers.set(customer.id, customer);
  const owner = { type: 'CUSTOMER' as const, record: customer };
  const vaultId = stringAt(input, 'paytrace_vault_id');
  if (vaultId !== null) {
    const { namespace, key } = VAULT_METAFIELD;
    writeMetafield(sim, owner, namespace, key, 'single_line_text_field', vaultId, now);
  }
  for (const field of objectsAt(input, 'metafields')) {
    const namespace = stringAt(field, 'namespace');
    const key = stringAt(field, 'key');
    const value = stringAt(field, 'value');
    if (!namespace || !key || value === null) {
      throw InputError.of('metafields', 'need namespace, key and value');
    }
    const type = stringAt(field, 'type') ?? 'single_line_text_field';
    writeMetafield(sim, owner, namespace, key, type, value, now);
  }
  sim.events.emit('customers/create', customer.id);
  return customer;
}
