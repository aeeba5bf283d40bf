import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Role } from '../auth/roles';
import { errorBody } from './api-error';

/** Every API route and the role it needs, filled as routes are declared; read by tests. */
export const ROUTE_POLICY: { method: string; path: string; role: Role }[] = [];

/**
 * Refuses callers without an identity (401) or with too small a role (403). The identity is set
 * by the authentication middleware in front of `/api`.
 */
export function requireRole(role: Role): MiddlewareHandler {
  return async (c, next) => {
    const actor = c.get('actor') as { role: Role } | undefined;
    if (!actor) return c.json(errorBody('UNAUTHENTICATED', 'Sign in or send an API token'), 401);
    if (!roleAtLeast(actor.role, role)) {
      return c.json(errorBody('FORBIDDEN', `This needs the ${role} role`), 403);
    }
    await next();
  };
}

/**
 * `createRoute` plus the role the route needs: the role check runs before validation and the
 * handler, and the route is recorded so a test can prove every route enforces it.
 * `basePath` is where the router is mounted (for the record only).
 */
export function apiRoute<const R extends Omit<RouteConfig, 'middleware'>>(
  role: Role,
  config: R,
  basePath = '/api',
) {
  ROUTE_POLICY.push({
    method: config.method.toUpperCase(),
    path: `${basePath}${config.path}`,
    role,
  });
  return createRoute({ ...config, middleware: [requireRole(role)] as const });
}
