/**
 * The fingerprint of a payment request: a SHA-256 over its canonical JSON (keys sorted), without
 * the per-attempt invoice id and without any secret. The account (base URL and API user) is part
 * of it, so an approval recorded against the sandbox is never mistaken for one in production.
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

/** What identifies a request: where it goes and what it says. */
export interface FingerprintInput {
  /** Base URL and API user name (never the password). */
  account: string;
  /** The endpoint path. */
  path: string;
  /** The body without `invoice_id` and `integrator_id`. */
  body: Record<string, unknown>;
}

/** `sha256:<hex>` of the request's canonical form; stable across key order and processes. */
export function requestFingerprint(input: FingerprintInput): string {
  const text = JSON.stringify(canonical(input));
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
