/**
 * Customers in QuickBooks: the DisplayName carries the reference (`Ada Lovelace [cust-1]`),
 * which keeps it unique and findable; the Shopify and PayTrace ids sit in Notes. An upsert
 * changes an existing customer with a sparse update under its SyncToken.
 *
 * @module
 */
import type { CustomerInput as CustomerIn } from '../documents';
import { ErpError } from '../errors';
import type { CustomerRecord, Posted } from '../records';
import { requireCustomer, type QboDocs } from './context';
import { findCustomer } from './lookup';
import { displayNameFor, noteFor, parseNote, refFromDisplayName } from './references';

type Json = Record<string, unknown>;

/** A QuickBooks customer as an ERP record. */
export function customerRecord(entity: Json): CustomerRecord {
  const ref = refFromDisplayName(entity.DisplayName) ?? String(entity.Id);
  const note = parseNote(entity.Notes);
  const display = String(entity.DisplayName);
  return {
    type: 'customer',
    id: String(entity.Id),
    externalRef: ref,
    name: display.endsWith(`[${ref}]`) ? display.slice(0, -(ref.length + 3)) : display,
    email: ((entity.PrimaryEmailAddr as Json | undefined)?.Address as string | undefined) ?? null,
    shopifyCustomerId: note?.fields.shopify || null,
    paytraceCustomerId: note?.fields.paytrace || null,
  };
}

function fieldsOf(c: CustomerIn, previous: CustomerRecord | null): Record<string, string> {
  const fields: Record<string, string> = {};
  const shopify = c.shopifyCustomerId ?? previous?.shopifyCustomerId;
  const paytrace = c.paytraceCustomerId ?? previous?.paytraceCustomerId;
  if (shopify) fields.shopify = shopify;
  if (paytrace) fields.paytrace = paytrace;
  return fields;
}

/** Creates the customer, or updates the one with the same reference. */
export async function upsertCustomer(
  docs: QboDocs,
  input: CustomerIn,
): Promise<Posted<CustomerRecord>> {
  const c = input;
  const existing = await findCustomer(docs.client, c.externalRef);
  if (!existing) {
    try {
      const created = await docs.client.create('Customer', {
        DisplayName: displayNameFor(c.name, c.externalRef),
        ...(c.email ? { PrimaryEmailAddr: { Address: c.email } } : {}),
        Notes: noteFor('customer', c.externalRef, fieldsOf(c, null)),
      });
      docs.customers.set(c.externalRef, created);
      return { document: customerRecord(created), created: true };
    } catch (err) {
      // Created meanwhile by a concurrent run: the name is taken by our own customer.
      if (!(err instanceof ErpError && err.code === 'QBO_6240')) throw err;
      return {
        document: customerRecord(await requireCustomer(docs, c.externalRef)),
        created: false,
      };
    }
  }
  const before = customerRecord(existing);
  const changes: Json = {};
  const display = displayNameFor(c.name, c.externalRef);
  if (existing.DisplayName !== display) changes.DisplayName = display;
  if (c.email && c.email !== before.email) changes.PrimaryEmailAddr = { Address: c.email };
  const notes = noteFor('customer', c.externalRef, fieldsOf(c, before));
  if (existing.Notes !== notes) changes.Notes = notes;
  const current =
    Object.keys(changes).length === 0
      ? existing
      : await docs.client.sparseUpdate('Customer', String(existing.Id), changes);
  docs.customers.set(c.externalRef, current);
  return { document: customerRecord(current), created: false };
}
