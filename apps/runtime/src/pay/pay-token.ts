/**
 * The signed token of a pay link (`/pay/<token>`): the link, run, node, order, amount and expiry,
 * HMAC-SHA256-signed with a key derived (HKDF) from the runtime's master key. The key id travels
 * in the token, so links issued before a key rotation still open while the old key is kept.
 *
 * @module
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { KeyRing } from '../secrets/key-ring';
import type { MasterKey } from '../secrets/master-key';

/** What a token says. */
export const PayTokenClaims = z.object({
  /** Link id. */
  l: z.string().uuid(),
  /** Run id. */
  r: z.string().uuid(),
  /** Pay-link node id. */
  n: z.string().min(1).max(200),
  /** Order reference. */
  o: z.string().min(1).max(64),
  /** Amount in minor units. */
  a: z.int().min(1),
  /** Currency. */
  c: z.string().regex(/^[A-Z]{3}$/),
  /** Expiry, epoch seconds. */
  e: z.int(),
});
/** Token claims. */
export type PayTokenClaims = z.infer<typeof PayTokenClaims>;

/** Why a token was refused. */
export type PayTokenError = 'malformed' | 'bad-signature';

/** Purpose-bound key: the master key itself never signs anything shown to the public. */
function signingKey(master: MasterKey): Buffer {
  return Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), 'paybridge pay-link v1', 32));
}

function mac(master: MasterKey, signed: string): Buffer {
  return createHmac('sha256', signingKey(master)).update(signed).digest();
}

/** Signs claims with the ring's active key. */
export async function signPayToken(ring: KeyRing, claims: PayTokenClaims): Promise<string> {
  const master = await ring.activeKey();
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  const signed = `${master.kid}.${body}`;
  return `${signed}.${mac(master, signed).toString('base64url')}`;
}

/**
 * Verifies a token's signature and reads its claims; expiry is the caller's decision (an expired
 * link gets its own page). Never throws.
 */
export async function verifyPayToken(
  ring: KeyRing,
  token: string,
): Promise<{ ok: true; claims: PayTokenClaims } | { ok: false; error: PayTokenError }> {
  const parts = token.split('.');
  if (token.length > 2048 || parts.length !== 3) return { ok: false, error: 'malformed' };
  const [kid, body, sig] = parts as [string, string, string];
  if (!/^[0-9a-f]{8}$/.test(kid)) return { ok: false, error: 'malformed' };
  const master = await ring.key(kid);
  if (!master) return { ok: false, error: 'bad-signature' };
  const expected = mac(master, `${kid}.${body}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: 'bad-signature' };
  }
  try {
    const claims = PayTokenClaims.safeParse(
      JSON.parse(Buffer.from(body, 'base64url').toString('utf8')),
    );
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, error: 'malformed' };
  } catch {
    return { ok: false, error: 'malformed' };
  }
}
