/**
 * The fingerprint of a Shopify write: SHA-256 over its canonical JSON (keys sorted, `undefined`
 * dropped). The store (base URL and shop) is part of it, so an outcome recorded against the
 * simulator is never mistaken for one in the real store. Secrets never go in.
 *
 * @module
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

/** `sha256:<hex>` of `{ store, write }`; stable across key order and processes. */
export function writeFingerprint(store: string, write: Record<string, unknown>): string {
  const text = JSON.stringify(canonical({ store, write }));
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
