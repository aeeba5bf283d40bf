/**
 * `orderUpdate` and `tagsAdd`/`tagsRemove` semantics. `orderUpdate` overwrites what it is given
 * (note, tags, custom attributes, email, PO number, shipping address) and adds metafields, as the
 * real mutation does; `tagsAdd` merges. Every change fires `orders/updated` (the echo a connector
 * sees of its own writes).
 * @module
 */
import type { ShopContext } from '../context.js';
import { parseGid } from '../core/ids.js';
import { wholeSeconds } from '../core/time.js';
import { readAddress } from './addresses.js';
import { normalizeTags } from './input.js';
import { setMetafields, type MetafieldsSetUserError } from './metafields.js';
import type { SimCustomer, SimOrder } from './records.js';
import { touchOrder } from './transactions.js';

/** `OrderInput` fields the simulator applies (camelCase, as in GraphQL). */
export interface OrderUpdateInput {
  id: string;
  note?: string | null;
  tags?: string[] | null;
  customAttributes?: { key: string; value: string }[] | null;
  email?: string | null;
  poNumber?: string | null;
  shippingAddress?: Record<string, unknown> | null;
  metafields?: { namespace?: string | null; key: string; value: string; type?: string | null }[];
}

/** A generic `UserError`. */
export interface UserError {
  field: string[] | null;
  message: string;
}

/** Result of `orderUpdate`. */
export interface OrderUpdateResult {
  order: SimOrder | null;
  userErrors: UserError[];
}

/** A GraphQL `MailingAddressInput` turned into REST field names. */
function addressInput(input: Record<string, unknown>): Record<string, unknown> {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    company: input.company,
    address1: input.address1,
    address2: input.address2,
    city: input.city,
    province: input.province,
    province_code: input.provinceCode,
    country: input.country,
    country_code: input.countryCode,
    zip: input.zip,
    phone: input.phone,
  };
}

/** Applies `orderUpdate`. Unknown orders answer a user error on `id`. */
export function updateOrder(sim: ShopContext, input: OrderUpdateInput): OrderUpdateResult {
  const parsed = parseGid(input.id);
  const order = parsed?.type === 'Order' ? sim.state.orders.get(parsed.id) : undefined;
  if (!order)
    return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
  if (input.metafields && input.metafields.length > 0) {
    const result = setMetafields(
      sim,
      input.metafields.map((m) => ({ ...m, ownerId: input.id })),
    );
    if (result.userErrors.length > 0) {
      return { order: null, userErrors: result.userErrors.map(toOrderField) };
    }
  }
  if (input.note !== undefined) order.note = input.note;
  if (input.tags !== undefined) order.tags = normalizeTags(input.tags ?? []);
  if (input.customAttributes !== undefined) order.customAttributes = input.customAttributes ?? [];
  if (input.email !== undefined) order.email = input.email;
  if (input.poNumber !== undefined) order.poNumber = input.poNumber;
  if (input.shippingAddress !== undefined) {
    order.shippingAddress =
      input.shippingAddress === null ? null : readAddress(sim, addressInput(input.shippingAddress));
  }
  touchOrder(sim, order);
  return { order, userErrors: [] };
}

function toOrderField(error: MetafieldsSetUserError): UserError {
  const field = error.field ? ['metafields', ...error.field.slice(1)] : null;
  return { field, message: error.message };
}

/** Finds a taggable resource (order or customer) by global id. */
export function findTaggable(sim: ShopContext, id: string): SimOrder | SimCustomer | undefined {
  const parsed = parseGid(id);
  if (parsed?.type === 'Order') return sim.state.orders.get(parsed.id);
  if (parsed?.type === 'Customer') return sim.state.customers.get(parsed.id);
  return undefined;
}

/** Result of `tagsAdd` / `tagsRemove`. */
export interface TagsResult {
  node: SimOrder | SimCustomer | null;
  userErrors: UserError[];
}

/** Adds (`remove` false) or removes tags; a no-op change still counts as an update. */
export function changeTags(
  sim: ShopContext,
  id: string,
  tags: string[],
  remove: boolean,
): TagsResult {
  const node = findTaggable(sim, id);
  if (!node) return { node: null, userErrors: [{ field: ['id'], message: 'Resource not found' }] };
  const given = normalizeTags(tags);
  if (given.length === 0)
    return { node, userErrors: [{ field: ['tags'], message: "Tags can't be blank" }] };
  const drop = new Set(given.map((t) => t.toLowerCase()));
  node.tags = remove
    ? node.tags.filter((t) => !drop.has(t.toLowerCase()))
    : normalizeTags([...node.tags, ...given]);
  if (node.resource === 'Order') touchOrder(sim, node);
  else {
    node.updatedAt = wholeSeconds(sim.now());
    sim.events.emit('customers/update', node.id);
  }
  return { node, userErrors: [] };
}
