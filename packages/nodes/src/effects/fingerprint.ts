/**
 * Fingerprints of requests, for the effect ledger to tell a repeat of the same request from a
 * changed one: SHA-256 over canonical JSON (keys sorted, `undefined` dropped), stable across key
 * order and processes. Callers put in where the request goes (account, store) and what makes it
 * the same request, never a secret. Server-only.
 *
 * @module
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item ?? null));
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

/** The canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

/**
 * `sha256:<hex>` of the canonical JSON of `value`, or base64url of the digest without prefix
 * (the form ERP postings were recorded with, kept so their records still match).
 */
export function fingerprint(
  value: unknown,
  encoding: 'prefixed-hex' | 'base64url' = 'prefixed-hex',
) {
  const digest = createHash('sha256').update(canonicalJson(value), 'utf8');
  return encoding === 'base64url' ? digest.digest('base64url') : `sha256:${digest.digest('hex')}`;
}
