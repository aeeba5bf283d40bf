/**
 * Reads request bodies leniently, as PayTrace does: JSON objects for `/v1`, form or JSON for the
 * token endpoint. Anything unreadable becomes an empty object, which then fails field validation.
 * @module
 */
import type { Context } from 'hono';

/** A parsed request body. */
export type Body = Record<string, unknown>;

/** Parses a JSON or form-encoded body into a plain object. */
export async function readBody(c: Context): Promise<Body> {
  const text = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Body)
      : {};
  } catch {
    return {};
  }
}

/** A string field, or `''` when absent or not a string (numbers are turned into text). */
export function text(body: Body, key: string): string {
  const value = body[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** An object field, or `{}`. */
export function object(body: Body, key: string): Body {
  const value = body[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Body)
    : {};
}

/** A transaction id (integer or digit string), or `undefined` when missing or malformed. */
export function transactionId(body: Body): number | undefined {
  const value = body.transaction_id;
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (!/^[1-9]\d{0,14}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
