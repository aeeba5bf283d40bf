import { Hono, type Env, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { authenticate } from '../auth/authenticate';
import type { IdentityStore } from '../auth/identity-store';
import type { RateLimiter } from '../auth/rate-limiter';
import { requireRole } from '../http/api-route';

/**
 * A simulator as the runtime serves it: the emulated public API (PayTrace's, Shopify's,
 * QuickBooks') answers as the real service would, to its demo credentials; everything that is
 * not that API (`/__admin`: state, faults, reset, settings, clock, tokens, the delivery log)
 * needs an admin of the runtime, by session (with its CSRF token) or API token, exactly as the
 * runtime's own admin routes do. The guard sits in front of the simulator's own router, so the
 * paths it guards are the paths the simulator serves.
 */
export function guardSimulatorAdmin<E extends Env>(
  simulator: Hono<E>,
  auth: { identity: IdentityStore; badTokens: RateLimiter },
): Hono<E> {
  const adminOnly: MiddlewareHandler = every(
    authenticate(auth.identity, auth.badTokens),
    requireRole('admin'),
  );
  const guarded = new Hono<E>();
  guarded.use('/__admin', adminOnly);
  guarded.use('/__admin/*', adminOnly);
  guarded.route('/', simulator);
  return guarded;
}
