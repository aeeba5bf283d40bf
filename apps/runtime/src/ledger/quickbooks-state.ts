/**
 * The OAuth `state` of a QuickBooks authorization: the connection id and an expiry, signed with
 * an HMAC keyed by the connection's own client secret. The callback arrives from Intuit's site,
 * where the admin's SameSite=Strict session cookie is not sent; the signature is what proves an
 * admin started this authorization for this connection, on any API process.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a user may take on Intuit's consent screen. */
export const STATE_LIFETIME_MS = 15 * 60_000;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`paybridge-qbo-state:${payload}`).digest('base64url');
}

/** Signs a state for `connectionId`, valid until `now + STATE_LIFETIME_MS`. */
export function signState(connectionId: string, clientSecret: string, now: number): string {
  const payload = `${connectionId}.${now + STATE_LIFETIME_MS}`;
  return `${payload}.${mac(clientSecret, payload)}`;
}

/** The connection id a state names (unverified), or null when it is malformed. */
export function stateConnection(state: string): string | null {
  const parts = state.split('.');
  return parts.length === 3 && /^[0-9a-f-]{36}$/.test(parts[0]!) ? parts[0]! : null;
}

/** Whether a state is authentic for this secret and not expired. */
export function verifyState(state: string, clientSecret: string, now: number): boolean {
  const parts = state.split('.');
  if (parts.length !== 3) return false;
  const [id, expiry, given] = parts as [string, string, string];
  const expected = Buffer.from(mac(clientSecret, `${id}.${expiry}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
  return Number(expiry) > now;
}
