import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthVariables } from '../auth/actor';
import { validationHook } from './validation-hook';

/** Request-scoped values every API route may read: who is calling, and their CSRF token. */
export interface ApiEnv {
  Variables: AuthVariables & { csrfToken?: string };
}

/** A router for one API resource: typed context variables and uniform 400s for bad input. */
export function apiRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}
