import { createHash, randomBytes } from 'node:crypto';

/** A new random secret (256 bits) with a recognisable prefix, e.g. `pbt_…` for API tokens. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens and session ids are stored only as SHA-256 digests: they are long random values, so a
 * fast hash suffices, and a copy of the database does not yield working credentials.
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
