import type { Hook } from '@hono/zod-openapi';
import { errorBody } from './api-error';

/**
 * Turns zod failures on params, query and bodies into a 400 that names each bad field, instead of
 * the validator's default shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by routers of every env
export const validationHook: Hook<unknown, any, string, unknown> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  const message = first ? `${first.path || 'request'}: ${first.message}` : 'Invalid request';
  return c.json(errorBody('VALIDATION_FAILED', message, { issues }), 400);
};
