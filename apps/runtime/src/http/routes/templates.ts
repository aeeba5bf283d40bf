import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { ErrorResponse, errorResponses } from '../schemas';
import {
  TemplateDetail,
  TemplateIdParam,
  TemplateInstallInput,
  TemplateInstallResult,
  TemplateSummary,
} from '../../templates/api-schemas';
import { z } from '@hono/zod-openapi';
import { loadTemplates, type Template } from '../../templates/template-catalog';
import { templateDetail, templateSummary } from '../../templates/template-dto';
import { installTemplate } from '../../templates/install-template';

const errorResponse = (description: string) => jsonResponse(ErrorResponse, description);

/**
 * Shipped templates: list them with what each needs, show one, and install one as a flow.
 * Templates are read and checked once, when the routes are built.
 */
export function templateRoutes(deps: AppDeps, templates: Template[] = loadTemplates()) {
  const byId = new Map(templates.map((t) => [t.manifest.id, t]));
  const find = (id: string) => {
    const template = byId.get(id);
    if (!template) throw new ApiError(404, 'TEMPLATE_NOT_FOUND', `No template with id ${id}`);
    return template;
  };
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'List the shipped templates with the connections and parameters each needs',
        responses: {
          200: jsonResponse(z.object({ templates: z.array(TemplateSummary) }), 'Templates'),
        },
      }),
      (c) => c.json({ templates: templates.map(templateSummary) }, 200),
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}',
        summary: 'Get a template: manifest and flow graph',
        request: { params: TemplateIdParam },
        responses: { 200: jsonResponse(TemplateDetail, 'Template'), ...errorResponses },
      }),
      (c) => c.json(templateDetail(find(c.req.valid('param').id)), 200),
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/{id}/install',
        summary:
          'Install a template as a flow; answers the existing flow (200, reused) when it is installed with the same connections',
        request: { params: TemplateIdParam, ...jsonBody(TemplateInstallInput) },
        responses: {
          200: jsonResponse(TemplateInstallResult, 'Already installed with these connections'),
          201: jsonResponse(TemplateInstallResult, 'Installed'),
          ...errorResponses,
          409: errorResponse('Trigger path in use'),
          422: errorResponse('A connection or parameter is not usable'),
        },
      }),
      async (c) => {
        const template = find(c.req.valid('param').id);
        const result = await installTemplate(deps, c, template, c.req.valid('json'));
        return result.reused ? c.json(result, 200) : c.json(result, 201);
      },
    );
}
