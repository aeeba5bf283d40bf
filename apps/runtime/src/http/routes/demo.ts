import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';
import { ErrorResponse } from '../schemas';
import { DemoResult } from '../../templates/api-schemas';
import { runDemo } from '../../templates/run-demo';
import { loadTemplates, type Template } from '../../templates/template-catalog';

/**
 * The guided sandbox demo: installs the order-to-cash and refund templates against the
 * simulators, seeds a vault customer and places an order for them.
 */
export function demoRoutes(deps: AppDeps, templates: Template[] = loadTemplates()) {
  return apiRouter().openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/demo',
      summary:
        'Sandbox mode only: install the templates against the simulators, seed a vault customer and place a Shopify order',
      responses: {
        200: jsonResponse(DemoResult, 'Order placed'),
        404: jsonResponse(
          ErrorResponse,
          'Not in sandbox mode: there are no simulators to run it on',
        ),
        409: jsonResponse(ErrorResponse, 'A simulator connection is missing'),
        502: jsonResponse(ErrorResponse, 'A simulator refused a demo step'),
      },
    }),
    async (c) => {
      if (!deps.sandbox)
        throw new ApiError(
          404,
          'SANDBOX_ONLY',
          'The demo runs only in sandbox mode (the default with the embedded database, or PAYBRIDGE_SANDBOX=on): it places orders in the built-in simulators',
        );
      return c.json(await runDemo(deps, c, templates), 200);
    },
  );
}
