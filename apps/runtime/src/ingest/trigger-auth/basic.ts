import { safeEqual } from './constant-time';
import { refuse, type AuthResult, type SignedRequest } from './result';

/** One accepted user name and password. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Checks `Authorization: Basic base64(user:password)` (RFC 7617). User name and password are both
 * compared, always, so the time taken does not tell a right user name from a wrong one.
 */
export function verifyBasic(request: SignedRequest, accepted: readonly BasicCredentials[]) {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(request.headers.authorization ?? '');
  if (!match) return refuse('credentials-missing');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return refuse('credentials-missing');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  let ok = false;
  for (const c of accepted) {
    const user = safeEqual(username, c.username);
    const pass = safeEqual(password, c.password);
    ok = (user && pass) || ok;
  }
  return ok ? ({ ok: true } satisfies AuthResult) : refuse('credentials-invalid');
}
