import { describe, expect, it } from 'vitest';
import { KeyRing } from './key-ring';
import { generateMasterKey } from './master-key';
import { openSecret, sealSecret, SecretDecryptError, type SealedValue } from './seal';

const key = generateMasterKey();
const ring = new KeyRing({ kind: 'env' }, key);
const place = { connectionId: '0b9c3c36-5a1e-4c4e-9d52-0f3f8d1c2a10', field: 'password' };
const PLAINTEXT = 'pa$$w0rd-ünïcødé-🔑';

/** Flips one bit of one byte of a base64 field. */
function flip(sealed: SealedValue, field: 'ct' | 'iv' | 'tag', at = 0): SealedValue {
  const bytes = Buffer.from(sealed[field], 'base64');
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return { ...sealed, [field]: bytes.toString('base64') };
}

async function failure(
  promise: Promise<unknown>,
  where: { connectionId: string } = place,
): Promise<SecretDecryptError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SecretDecryptError);
  const decryptError = err as SecretDecryptError;
  // Loud but discreet: it names the place, never content.
  expect(decryptError.message).toContain(where.connectionId);
  expect(decryptError.message).not.toContain(PLAINTEXT);
  return decryptError;
}

describe('sealing', () => {
  it('round-trips text under the active key with a fresh 12-byte IV each time', async () => {
    const a = await sealSecret(ring, place, PLAINTEXT);
    const b = await sealSecret(ring, place, PLAINTEXT);
    expect(a.kid).toBe(key.kid);
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('pa$$w0rd');
    expect(await openSecret(ring, place, a)).toBe(PLAINTEXT);
    expect(await openSecret(ring, place, await sealSecret(ring, place, ''))).toBe('');
  });

  it('detects a flipped byte in the ciphertext, the IV or the tag', async () => {
    const sealed = await sealSecret(ring, place, PLAINTEXT);
    for (const field of ['ct', 'iv', 'tag'] as const) {
      for (const at of [0, 5, 11]) {
        const err = await failure(openSecret(ring, place, flip(sealed, field, at)));
        expect(err.reason, `${field}[${at}]`).toBe('mismatch');
      }
    }
  });

  it('refuses a value moved to another connection or field (associated data)', async () => {
    const sealed = await sealSecret(ring, place, PLAINTEXT);
    const other = { ...place, connectionId: 'c1f0a3f2-7b7e-4a43-8f4e-5d0f3a9a1b22' };
    expect((await failure(openSecret(ring, other, sealed), other)).reason).toBe('mismatch');
    await failure(openSecret(ring, { ...place, field: 'token' }, sealed));
  });

  it('refuses an unknown key id, and a key that is not the one it was sealed with', async () => {
    const sealed = await sealSecret(ring, place, PLAINTEXT);
    const unknown = await failure(openSecret(ring, place, { ...sealed, kid: 'deadbeef' }));
    expect(unknown.reason).toBe('unknown-key');
    expect(unknown.message).toContain('deadbeef');
    const impostor = generateMasterKey();
    const other = new KeyRing({ kind: 'env' }, { kid: key.kid, key: impostor.key });
    expect((await failure(openSecret(other, place, sealed))).reason).toBe('mismatch');
  });

  it('refuses malformed values instead of guessing', async () => {
    const sealed = await sealSecret(ring, place, PLAINTEXT);
    for (const bad of [null, 'text', { ...sealed, iv: undefined }, { ...sealed, iv: 'AAAA' }]) {
      expect((await failure(openSecret(ring, place, bad))).reason).toBe('malformed');
    }
  });
});
