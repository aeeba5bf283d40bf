import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import type { TemplateInstallInput, TemplateInstallResult } from './api-schemas';
import type { Template } from './template-catalog';

/**
 * Installs a template as a flow. Not yet implemented.
 */
export async function installTemplate(
  _deps: AppDeps,
  _c: Context,
  template: Template,
  _input: z.infer<typeof TemplateInstallInput>,
): Promise<z.infer<typeof TemplateInstallResult>> {
  await Promise.resolve();
  throw new ApiError(501, 'NOT_IMPLEMENTED', `Installing ${template.manifest.id} is not built yet`);
}
