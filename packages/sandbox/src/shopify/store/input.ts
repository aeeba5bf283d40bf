/**
 * Reading admin inputs (REST-style snake_case JSON) leniently but strictly typed: strings,
 * booleans, id lists, money. Problems are collected per field and thrown together as an
 * `InputError`, which the admin API answers as Shopify's REST does: 422 `{"errors": {field: [..]}}`.
 * @module
 */
import { parseMinor } from '../core/money.js';

/** A loose JSON object. */
export type Json = Record<string, unknown>;

/** Validation failure: messages per field, in Shopify's REST error shape. */
export class InputError extends Error {
  readonly errors: Record<string, string[]>;

  constructor(errors: Record<string, string[]>) {
    super(
      Object.entries(errors)
        .map(([field, messages]) => `${field} ${messages.join(', ')}`)
        .join('; '),
    );
    this.errors = errors;
  }

  /** One field, one message. */
  static of(field: string, message: string): InputError {
    return new InputError({ [field]: [message] });
  }
}

/** A nested object, or `{}`. */
export function objectAt(body: Json, key: string): Json {
  const value = body[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** Objects of an array field (non-objects dropped). */
export function objectsAt(body: Json, key: string): Json[] {
  const value = body[key];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** A string field (numbers become text), or `null`. */
export function stringAt(body: Json, key: string): string | null {
  const value = body[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A boolean field, or the fallback. */
export function booleanAt(body: Json, key: string, fallback: boolean): boolean {
  const value = body[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

/** A positive whole number field, or the fallback. */
export function countAt(body: Json, key: string, fallback: number): number {
  const value = body[key];
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0
    ? number
    : fallback;
}

/**
 * A resource id given as digits (string, or a JSON number small enough to be exact) or as a
 * global id; returns the digits or `null`.
 */
export function idAt(body: Json, key: string): string | null {
  const value = body[key];
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const match = /^(?:gid:\/\/shopify\/[A-Za-z]+\/)?(\d{1,20})$/.exec(value.trim());
  return match?.[1] ?? null;
}

/** Tags from a comma-separated string or an array of strings (each may hold commas). */
export function tagsAt(body: Json, key: string): string[] {
  const value = body[key];
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return normalizeTags(parts.filter((p): p is string => typeof p === 'string'));
}

/** Splits on commas, trims, drops empties and case-insensitive duplicates (first kept). */
export function normalizeTags(values: string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const tag = part.trim();
      if (tag === '' || seen.has(tag.toLowerCase())) continue;
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

/** A money field in minor units of `currency`; records an error when present but malformed. */
export function moneyAt(
  body: Json,
  key: string,
  currency: string,
  errors: Record<string, string[]>,
  field = key,
): number | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  const minor = parseMinor(value, currency);
  if (minor === undefined) {
    (errors[field] ??= []).push('is not a valid amount');
    return null;
  }
  return minor;
}

/** Throws the collected errors, if any. */
export function throwIfAny(errors: Record<string, string[]>): void {
  if (Object.keys(errors).length > 0) throw new InputError(errors);
}
