import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/authenticate';
import type { IdentityStore } from '../auth/identity-store';
import { clientIp } from '../auth/actor';
import type { RateLimiter } from '../auth/rate-limiter';
import { roleAtLeast } from '../auth/roles';
import { errorBody } from '../http/api-error';
import type { RuntimeMetrics } from './metrics';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const NEEDS =
  'GET /metrics needs `Authorization: Bearer <PAYBRIDGE_METRICS_TOKEN>`, an API token or a session of a user with at least the viewer role';

/**
 * `GET /metrics` in Prometheus text format. A scraper sends the metrics token
 * (PAYBRIDGE_METRICS_TOKEN) as a bearer token; a person or script may use their own API token or
 * session instead (viewer role or above). Anything else gets 401 saying what is accepted.
 */
export function metricsRoutes(deps: {
  metrics: RuntimeMetrics;
  identity: IdentityStore;
  /** Shared with the API: an address sending too many bad tokens gets 429. */
  badTokens: RateLimiter;
  metricsToken: string | undefined;
}) {
  const allowed = async (c: Context): Promise<boolean> => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
      if (!match) return false;
      if (deps.metricsToken && sameSecret(match[1]!, deps.metricsToken)) return true;
      if (match[1]!.length < 16) return false;
      const actor = await deps.identity.findToken(match[1]!);
      return actor !== null && roleAtLeast(actor.role, 'viewer');
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await deps.identity.findSession(cookie) : null;
    return session !== null && roleAtLeast(session.actor.role, 'viewer');
  };
  return new Hono().get('/metrics', async (c) => {
    if (!(await allowed(c))) {
      if (c.req.header('authorization') !== undefined) {
        const wait = deps.badTokens.hit(clientIp(c) ?? 'unknown');
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          return c.json(errorBody('RATE_LIMITED', 'Too many failed authentication attempts'), 429);
        }
      }
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.json(errorBody('UNAUTHENTICATED', NEEDS), 401);
    }
    const body = await deps.metrics.exposition();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}
