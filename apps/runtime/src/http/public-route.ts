import { createRoute, type RouteConfig } from '@hono/zod-openapi';

/** API routes reachable without credentials; the permission test checks this list is short. */
export const PUBLIC_ROUTES: { method: string; path: string }[] = [];

/** `createRoute` for the few routes that must work signed out (sign-in, first-admin setup). */
export function publicRoute<const R extends RouteConfig>(config: R, basePath = '/api') {
  PUBLIC_ROUTES.push({ method: config.method.toUpperCase(), path: `${basePath}${config.path}` });
  return createRoute(config);
}
