/**
 * The fingerprint of a document: SHA-256 over its canonical JSON (keys sorted), so the effect
 * ledger can tell a replay of the same posting from a changed one. Server-only.
 *
 * @module
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 (base64url) of a document's canonical JSON. */
export function documentFingerprint(doc: unknown): string {
  return createHash('sha256').update(canonical(doc)).digest('base64url');
}
