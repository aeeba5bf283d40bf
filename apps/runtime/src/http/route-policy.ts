import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Role } from '../auth/roles';

/**
 * Marks a route declaration with who may call it. A symbol key: it travels with the route into
 * the app's OpenAPI registry (also when the router is mounted under a prefix) but never into
 * the served document.
 */
export const ROUTE_ACCESS = Symbol('paybridge.routeAccess');

/** The role a route needs, or `public` for the few routes that work signed out. */
export type RouteAccess = Role | 'public';

/** One API route and the role it needs, with its full path as served. */
export interface RoleRoute {
  method: string;
  path: string;
  role: Role;
}

/** The access rules of one app: every role-checked route and every public one. */
export interface RoutePolicy {
  roles: RoleRoute[];
  public: { method: string; path: string }[];
}

/**
 * Reads the access rules of an API app from its own route registry, so two apps in one process
 * (tests start several runtimes) never share or double them. `basePath` is where the API app
 * is mounted; `extra` holds routes served outside the registry (the OpenAPI document itself).
 */
export function routePolicyOf(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any router's registry
  api: OpenAPIHono<any, any, any>,
  basePath: string,
  extra: RoleRoute[] = [],
): RoutePolicy {
  const policy: RoutePolicy = { roles: [...extra], public: [] };
  for (const def of api.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const route = def.route as typeof def.route & { [ROUTE_ACCESS]?: RouteAccess };
    const access = route[ROUTE_ACCESS];
    if (!access) continue;
    const entry = { method: route.method.toUpperCase(), path: `${basePath}${route.path}` };
    if (access === 'public') policy.public.push(entry);
    else policy.roles.push({ ...entry, role: access });
  }
  return policy;
}
