import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { ROUTE_ACCESS } from './route-policy';

/**
 * `createRoute` for the few routes that must work signed out (sign-in, first-admin setup); the
 * route is marked public so the app's policy lists it and the permission test keeps it short.
 */
export function publicRoute<const R extends RouteConfig>(config: R) {
  return createRoute({ ...config, [ROUTE_ACCESS]: 'public' as const });
}
