import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import type { DemoResult } from './api-schemas';

/** The guided demo. Not yet implemented. */
export async function runDemo(_deps: AppDeps, _c: Context): Promise<z.infer<typeof DemoResult>> {
  await Promise.resolve();
  throw new ApiError(501, 'NOT_IMPLEMENTED', 'The demo is not built yet');
}
