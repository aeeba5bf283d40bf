import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from '../db/schema/connections';
import type { KeyRing } from './key-ring';
import type { MasterKey } from './master-key';

export type { SealedValue };

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value lives; it is bound to this place as associated data. */
export interface SealedPlace {
  connectionId: string;
  field: string;
}

/**
 * The associated data of a value: a ciphertext copied to another row or field fails its tag
 * check instead of opening there.
 */
export function associatedData(place: SealedPlace): Buffer {
  return Buffer.from(`connection:${place.connectionId}:${place.field}`, 'utf8');
}

/**
 * A sealed value that cannot be opened: tampered, moved, or sealed with a key this process does
 * not have. The message names the connection and field and never any content; decryption
 * failures are loud, never an empty or default value.
 */
export class SecretDecryptError extends Error {
  constructor(
    readonly place: SealedPlace,
    readonly reason: 'unknown-key' | 'mismatch' | 'malformed',
    kid?: string,
  ) {
    const why =
      reason === 'unknown-key'
        ? `it was sealed with key ${kid ?? '?'}, which this runtime does not have`
        : reason === 'malformed'
          ? 'the stored value is malformed'
          : 'the ciphertext does not match its key and place (tampered, moved or wrong key)';
    super(
      `Secret field "${place.field}" of connection ${place.connectionId} cannot be decrypted: ${why}`,
    );
    this.name = 'SecretDecryptError';
  }
}

/** Seals text with AES-256-GCM under `key`, a fresh random 96-bit IV, bound to its place. */
export function sealWith(key: MasterKey, place: SealedPlace, plaintext: string): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(place));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    kid: key.kid,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Seals with the ring's active key. */
export async function sealSecret(
  ring: KeyRing,
  place: SealedPlace,
  plaintext: string,
): Promise<SealedValue> {
  return sealWith(await ring.activeKey(), place, plaintext);
}

function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['kid', 'iv', 'ct', 'tag'].every((k) => typeof v[k] === 'string');
}

/** Opens a sealed value, or throws {@link SecretDecryptError}; the tag is always checked. */
export async function openSecret(
  ring: KeyRing,
  place: SealedPlace,
  sealed: unknown,
): Promise<string> {
  if (!isSealed(sealed)) throw new SecretDecryptError(place, 'malformed');
  const key = await ring.key(sealed.kid);
  if (!key) throw new SecretDecryptError(place, 'unknown-key', sealed.kid);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretDecryptError(place, 'malformed');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(place));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ct, 'base64')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    throw new SecretDecryptError(place, 'mismatch');
  }
}
