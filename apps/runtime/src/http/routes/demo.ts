import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { ErrorResponse } from '../schemas';
import {
  DemoNewShopperResult,
  DemoRefundInput,
  DemoRefundResult,
  DemoResult,
  DemoResults,
  DemoResultsQuery,
} from '../../templates/api-schemas';
import { demoNewShopper } from '../../templates/demo-new-shopper';
import { demoRefund } from '../../templates/demo-refund';
import { demoResults } from '../../templates/demo-results';
import { demoSimulators } from '../../templates/demo-simulators';
import { runDemo } from '../../templates/run-demo';
import { loadTemplates, type Template } from '../../templates/template-catalog';

const notSandbox = jsonResponse(
  ErrorResponse,
  'Not in sandbox mode: there are no simulators to run it on',
);
const simulatorRefused = jsonResponse(ErrorResponse, 'A simulator refused a demo step');
const connectionMissing = jsonResponse(ErrorResponse, 'A simulator connection is missing');

/**
 * The guided sandbox demo: installs the order-to-cash and refund templates against the
 * simulators, places orders (a vault shopper's, a new shopper's with a pay link), refunds them,
 * and shows where an order stands in the three systems. Sandbox mode only: outside it, 404.
 */
export function demoRoutes(deps: AppDeps, templates: Template[] = loadTemplates()) {
  return apiRouter()
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/',
        summary:
          'Sandbox mode only: install the templates against the simulators, seed a vault customer and place a Shopify order',
        responses: {
          200: jsonResponse(DemoResult, 'Order placed'),
          404: notSandbox,
          409: connectionMissing,
          502: simulatorRefused,
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
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/new-shopper',
        summary:
          'Sandbox mode only: place a Shopify order for a new shopper without a vault profile; answers the pay link the run wrote to the order',
        responses: {
          200: jsonResponse(DemoNewShopperResult, 'Order placed'),
          404: notSandbox,
          409: connectionMissing,
          502: simulatorRefused,
        },
      }),
      async (c) => {
        demoSimulators(deps);
        return c.json(await demoNewShopper(deps, c, templates), 200);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/refund',
        summary:
          'Sandbox mode only: refund a demo order in the Shopify simulator (in full when no amount is given); its webhook starts the refund template',
        request: jsonBody(DemoRefundInput),
        responses: {
          200: jsonResponse(DemoRefundResult, 'Refund created'),
          400: jsonResponse(ErrorResponse, 'Invalid request'),
          404: jsonResponse(ErrorResponse, 'Not in sandbox mode, or no such order'),
          409: connectionMissing,
          422: jsonResponse(ErrorResponse, 'Nothing (or less) left to refund'),
          502: simulatorRefused,
        },
      }),
      async (c) => {
        demoSimulators(deps);
        return c.json(await demoRefund(deps, c, templates, c.req.valid('json')), 200);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'get',
        path: '/results',
        summary:
          'Sandbox mode only: one Shopify order in the three systems (Shopify order, PayTrace transactions, ledger documents)',
        request: { query: DemoResultsQuery },
        responses: {
          200: jsonResponse(DemoResults, 'Where the order stands'),
          400: jsonResponse(ErrorResponse, 'Invalid request'),
          404: jsonResponse(ErrorResponse, 'Not in sandbox mode, or no such order'),
          502: simulatorRefused,
        },
      }),
      async (c) => c.json(await demoResults(deps, c.req.valid('query').shopifyOrderId), 200),
    );
}
