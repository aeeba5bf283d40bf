/**
 * Mailing addresses as records: read from REST-style input, and the display name Shopify derives
 * from first and last name.
 * @module
 */
import type { ShopContext } from '../context.js';
import { stringAt, type Json } from './input.js';
import type { SimAddress } from './records.js';

const FIELDS = [
  'first_name',
  'last_name',
  'company',
  'address1',
  'address2',
  'city',
  'province',
  'province_code',
  'country',
  'country_code',
  'zip',
  'phone',
] as const;

/** Reads an address object, or `null` when the input has none. */
export function readAddress(sim: ShopContext, value: unknown): SimAddress | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const body = value as Json;
  const address = { id: sim.state.ids.take() } as SimAddress;
  for (const field of FIELDS) address[field] = stringAt(body, field);
  return address;
}

/** `first last`, or `null` when both are empty. */
export function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((p) => p !== null && p !== '').join(' ');
  return name === '' ? null : name;
}
