import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Role } from '../auth/roles';
import { errorBody } from './api-error';
import { ROUTE_ACCESS } from './route-policy';

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
 * handler, and the route carries its role so the app's policy (`routePolicyOf`) can prove
 * every route enforces it.
 */
export function apiRoute<const R extends Omit<RouteConfig, 'middleware'>>(role: Role, config: R) {
  return createRoute({
    ...config,
    middleware: [requireRole(role)] as const,
    [ROUTE_ACCESS]: role,
  });
}
