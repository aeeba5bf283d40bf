import { describe, expect, it } from 'vitest';
import { KeyRing } from '../secrets/key-ring';
import { generateMasterKey } from '../secrets/master-key';
import { signPayToken, verifyPayToken, type PayTokenClaims } from './pay-token';

const claims: PayTokenClaims = {
  l: '7f0c2a8e-3b1d-4c55-9a6e-0d1f2e3a4b5c',
  r: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
  n: 'payLink',
  o: '820982911946154508',
  a: 4200,
  c: 'USD',
  e: 1_900_000_000,
};

describe('pay link tokens', () => {
  it('verify with the key that signed them, also after a rotation that keeps it', async () => {
    const old = generateMasterKey();
    const token = await signPayToken(new KeyRing({ kind: 'env' }, old), claims);
    expect(await verifyPayToken(new KeyRing({ kind: 'env' }, old), token)).toEqual({
      ok: true,
      claims,
    });
    const rotated = new KeyRing({ kind: 'env' }, generateMasterKey(), [old]);
    expect(await verifyPayToken(rotated, token)).toMatchObject({ ok: true });
  });

  it('refuse a changed amount, another key, and garbage', async () => {
    const ring = new KeyRing({ kind: 'env' }, generateMasterKey());
    const token = await signPayToken(ring, claims);
    const [kid, , sig] = token.split('.');
    const cheaper = Buffer.from(JSON.stringify({ ...claims, a: 1 })).toString('base64url');
    expect(await verifyPayToken(ring, `${kid}.${cheaper}.${sig}`)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
    const other = new KeyRing({ kind: 'env' }, generateMasterKey());
    expect(await verifyPayToken(other, token)).toEqual({ ok: false, error: 'bad-signature' });
    expect(await verifyPayToken(ring, 'not-a-token')).toEqual({ ok: false, error: 'malformed' });
    expect(await verifyPayToken(ring, `${token}x`.repeat(300))).toEqual({
      ok: false,
      error: 'malformed',
    });
  });

  it('are signed with a key derived for pay links, not the master key itself', async () => {
    const master = generateMasterKey();
    const token = await signPayToken(new KeyRing({ kind: 'env' }, master), claims);
    const [kid, body, sig] = token.split('.') as [string, string, string];
    const { createHmac } = await import('node:crypto');
    const withMaster = createHmac('sha256', master.key)
      .update(`${kid}.${body}`)
      .digest('base64url');
    expect(sig).not.toBe(withMaster);
  });
});
