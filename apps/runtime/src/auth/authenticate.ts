import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { errorBody } from '../http/api-error';
import { clientIp } from './actor';
import type { IdentityStore } from './identity-store';
import type { RateLimiter } from './rate-limiter';

export const SESSION_COOKIE = 'pb_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Identifies the caller of an API request: a bearer token, or a session cookie. Browser sessions
 * must also send the session's CSRF token on every state-changing request (the cookie alone is
 * never enough), on top of the SameSite=Strict cookie. Requests without credentials pass through
 * anonymous; each route's `requireRole` decides. Once one address has sent too many bad tokens,
 * its further bad tokens get 429 instead of 401; its valid tokens keep working.
 */
export function authenticate(identity: IdentityStore, badTokens: RateLimiter): MiddlewareHandler {
  return async (c, next) => {
    c.set('actor', undefined);
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{16,512})$/i.exec(header);
      const actor = match ? await identity.findToken(match[1]!) : null;
      if (actor) {
        // A token that verifies is never refused: the limit below counts failures only, so bad
        // tokens from a shared address (proxy, NAT) cannot lock out everyone behind it.
        c.set('actor', actor);
        return next();
      }
      const wait = badTokens.hit(clientIp(c) ?? 'unknown');
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(errorBody('RATE_LIMITED', 'Too many failed authentication attempts'), 429);
      }
      return c.json(errorBody('UNAUTHENTICATED', 'Invalid or expired API token'), 401);
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const session = await identity.findSession(cookie);
      if (session) {
        if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
          return c.json(
            errorBody('CSRF_FAILED', `Missing or wrong ${CSRF_HEADER} header for this session`),
            403,
          );
        }
        c.set('actor', session.actor);
        c.set('csrfToken', session.csrfToken);
      }
    }
    return next();
  };
}
