/**
 * `metafieldsSet` semantics: up to 25 metafields per call, validated all first and written only
 * when every one is valid (atomic), with `compareDigest` compare-and-set. Owners are orders and
 * customers. Errors carry Shopify's `MetafieldsSetUserErrorCode` values and `elementIndex`.
 * @module
 */
import { createHash } from 'node:crypto';
import type { ShopContext } from '../context.js';
import { parseGid } from '../core/ids.js';
import { wholeSeconds } from '../core/time.js';
import { checkMetafieldValue, isKnownMetafieldType } from './metafield-types.js';
import type { MetafieldOwnerType, SimCustomer, SimMetafield, SimOrder } from './records.js';
import { saveCustomer, saveOrder } from './save.js';

/** One element of `metafields: [MetafieldsSetInput!]!`. */
export interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  value: string;
  type?: string | null;
  /** Absent: no check. `null`: the metafield must not exist yet. Text: must match. */
  compareDigest?: string | null;
}

/** A `MetafieldsSetUserError`. */
export interface MetafieldsSetUserError {
  field: string[] | null;
  message: string;
  code: string;
  elementIndex: number | null;
}

/** The most metafields one call may set. */
export const METAFIELDS_SET_LIMIT = 25;

/** Namespace used when none is given: the app-reserved one. */
export function appNamespace(sim: ShopContext): string {
  return `app--${appNumber(sim)}`;
}

function appNumber(sim: ShopContext): string {
  const digits = createHash('sha256').update(sim.credentials.clientId).digest('hex');
  return String(BigInt(`0x${digits.slice(0, 12)}`) % 100000000n);
}

/** `compareDigest` of a metafield: changes whenever its value or type changes. */
export function metafieldDigest(metafield: SimMetafield): string {
  return createHash('sha256')
    .update(`${metafield.id}\0${metafield.type}\0${metafield.value}\0${metafield.updatedAt}`)
    .digest('hex');
}

/** Finds the owner of a global id (orders and customers only). */
export function findOwner(
  sim: ShopContext,
  ownerId: string,
): { type: MetafieldOwnerType; record: SimOrder | SimCustomer } | undefined {
  const parsed = parseGid(ownerId);
  if (parsed?.type === 'Order') {
    const record = sim.state.orders.get(parsed.id);
    return record && { type: 'ORDER', record };
  }
  if (parsed?.type === 'Customer') {
    const record = sim.state.customers.get(parsed.id);
    return record && { type: 'CUSTOMER', record };
  }
  return undefined;
}

function resolveNamespace(sim: ShopContext, namespace: string | null | undefined): string {
  if (namespace === null || namespace === undefined || namespace === '') return appNamespace(sim);
  const app = /^\$app(?::(.*))?$/.exec(namespace);
  if (!app) return namespace;
  return app[1] ? `${appNamespace(sim)}--${app[1]}` : appNamespace(sim);
}

interface Checked {
  owner: { type: MetafieldOwnerType; record: SimOrder | SimCustomer };
  namespace: string;
  key: string;
  type: string;
  value: string;
}

function checkOne(
  sim: ShopContext,
  input: MetafieldsSetInput,
  index: number,
): { ok: Checked } | { error: MetafieldsSetUserError } {
  const fail = (field: string, code: string, message: string) => ({
    error: { field: ['metafields', String(index), field], code, message, elementIndex: index },
  });
  const owner = findOwner(sim, input.ownerId);
  if (!owner) return fail('ownerId', 'INVALID', 'Owner does not exist.');
  const namespace = resolveNamespace(sim, input.namespace);
  if (namespace.length < 3) return fail('namespace', 'TOO_SHORT', 'Namespace is too short.');
  if (namespace.length > 255) return fail('namespace', 'TOO_LONG', 'Namespace is too long.');
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) {
    return fail('namespace', 'INVALID', 'Namespace contains one or more invalid characters.');
  }
  if (input.key.length < 3) return fail('key', 'TOO_SHORT', 'Key is too short.');
  if (input.key.length > 64) return fail('key', 'TOO_LONG', 'Key is too long.');
  if (!/^[A-Za-z0-9_-]+$/.test(input.key)) {
    return fail('key', 'INVALID', 'Key contains one or more invalid characters.');
  }
  const existing = owner.record.metafields.get(`${namespace}.${input.key}`);
  const type = input.type ?? existing?.type;
  if (!type) return fail('type', 'BLANK', "Type can't be blank.");
  if (!isKnownMetafieldType(type)) return fail('type', 'INVALID_TYPE', 'Type is invalid.');
  const problem = checkMetafieldValue(type, input.value);
  if (problem) return fail('value', 'INVALID_VALUE', problem);
  if (input.compareDigest !== undefined) {
    const current = existing ? metafieldDigest(existing) : null;
    if (input.compareDigest !== current) {
      return fail(
        'compareDigest',
        'STALE_OBJECT',
        'The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.',
      );
    }
  }
  return { ok: { owner, namespace, key: input.key, type, value: input.value } };
}

/** Result of a `metafieldsSet` call. */
export interface MetafieldsSetResult {
  /** The metafields as written, in input order; `null` when nothing was written. */
  metafields: SimMetafield[] | null;
  userErrors: MetafieldsSetUserError[];
  /** Owners whose metafields changed. */
  owners: (SimOrder | SimCustomer)[];
}

/** Validates every input, then writes all of them or none. */
export function setMetafields(sim: ShopContext, inputs: MetafieldsSetInput[]): MetafieldsSetResult {
  if (inputs.length > METAFIELDS_SET_LIMIT) {
    const message = `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`;
    const error = {
      field: ['metafields'],
      code: 'LESS_THAN_OR_EQUAL_TO',
      message,
      elementIndex: null,
    };
    return { metafields: null, userErrors: [error], owners: [] };
  }
  const checked: Checked[] = [];
  const userErrors: MetafieldsSetUserError[] = [];
  inputs.forEach((input, index) => {
    const result = checkOne(sim, input, index);
    if ('error' in result) userErrors.push(result.error);
    else checked.push(result.ok);
  });
  if (userErrors.length > 0) return { metafields: null, userErrors, owners: [] };
  const now = wholeSeconds(sim.now());
  const owners = new Set<SimOrder | SimCustomer>();
  const metafields = checked.map((c) => {
    owners.add(c.owner.record);
    return writeMetafield(sim, c.owner, c.namespace, c.key, c.type, c.value, now);
  });
  return { metafields, userErrors: [], owners: [...owners] };
}

/** Creates or updates one metafield without validation (for trusted admin input). */
export function writeMetafield(
  sim: ShopContext,
  owner: { type: MetafieldOwnerType; record: SimOrder | SimCustomer },
  namespace: string,
  key: string,
  type: string,
  value: string,
  now: number,
): SimMetafield {
  const mapKey = `${namespace}.${key}`;
  if (owner.type === 'ORDER') saveOrder(sim, owner.record.id);
  else saveCustomer(sim, owner.record.id);
  const existing = owner.record.metafields.get(mapKey);
  if (existing) {
    existing.type = type;
    existing.value = value;
    existing.updatedAt = now;
    return existing;
  }
  const created: SimMetafield = {
    resource: 'Metafield',
    id: sim.state.ids.take(),
    ownerType: owner.type,
    ownerId: owner.record.id,
    namespace,
    key,
    type,
    value,
    createdAt: now,
    updatedAt: now,
  };
  owner.record.metafields.set(mapKey, created);
  sim.state.metafields.set(created.id, created);
  return created;
}
