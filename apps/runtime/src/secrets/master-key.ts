import { createHash, randomBytes } from 'node:crypto';

/** Bytes of an AES-256 key. */
export const MASTER_KEY_BYTES = 32;

/** A master key with the id stored next to every value it sealed. */
export interface MasterKey {
  kid: string;
  key: Buffer;
}

const HEX = /^[0-9a-f]{64}$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Decodes a master key written as 64 hex digits or as base64 (standard or URL-safe, padded or
 * not) of exactly 32 bytes; `null` for anything else. Hex is tried first: 64 hex digits are also
 * valid base64, of 48 bytes.
 */
export function parseMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!BASE64.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === MASTER_KEY_BYTES ? key : null;
}

/**
 * The key id: the first 8 hex digits of SHA-256 of the key. Derived rather than chosen, so the
 * same key configured on several machines gets the same id, and ids reveal nothing usable.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A master key from its bytes. */
export function masterKey(key: Buffer): MasterKey {
  return { kid: keyIdOf(key), key };
}

/** A new random master key. */
export function generateMasterKey(): MasterKey {
  return masterKey(randomBytes(MASTER_KEY_BYTES));
}
