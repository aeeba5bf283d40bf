import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from '../auth/authenticate';
import { pingDatabase } from '../db/queries/health';
import { jsonTextGuard } from '../ingest/json-text';
import { requireRole } from './api-route';
import { routePolicyOf } from './route-policy';
import type { ApiEnv } from './api-router';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { errorBody } from './api-error';
import { createErrorHandler } from './api-error';
import type { AppDeps } from './app-deps';
import { catalogRoutes } from './routes/catalog';
import {
  connectionTypeRoutes,
  createConnectionRoutes,
  secretRotationRoutes,
} from '../connections/connection-routes';
import { flowRoutes } from './routes/flows';
import { flowSampleRoutes } from './routes/flow-samples';
import { settingsRoutes } from './routes/settings';
import { hookRoutes } from './routes/hooks';
import { shopifyHookRoutes } from './routes/shopify-hooks';
import { shopifySyncRoutes } from './routes/shopify-sync';
import { runRoutes } from './routes/runs';
import { deadLetterRoutes } from './routes/dead-letters';
import { eventRoutes } from './routes/events';
import { disputeRoutes } from './routes/disputes';
import { fraudRoutes } from './routes/fraud';
import { ledgerRoutes } from '../ledger/ledger-routes';
import { quickbooksCallbackRoutes, quickbooksConnectRoutes } from '../ledger/quickbooks-connect';
import { guardSimulatorAdmin } from '../sandbox/simulator-admin-guard';
import { hooksOriginOnly } from './hooks-origin';
import { securityHeaders } from './security-headers';
import { payRoutes } from '../pay/pay-routes';
import { templateRoutes } from './routes/templates';
import { demoRoutes } from './routes/demo';
import { ingressTelemetry } from '../observability/ingress-telemetry';
import { metricsRoutes } from '../observability/metrics-route';
import { alertRoutes, errorFlowRoutes } from './routes/alerts';
import { reconciliationRoutes } from './routes/reconciliation';
import { reconciliationReportRoutes } from './routes/reconciliation-report';
import { reconciliationStatementRoutes } from './routes/reconciliation-statements';

/**
 * The runtime's HTTP surface: JSON API under `/api`, trigger ingress under `/hooks`, health
 * probes, and the built editor at `/`.
 */
export function createApp(deps: AppDeps) {
  const apiLimit = deps.env.PAYBRIDGE_API_BODY_LIMIT_BYTES;
  const api = new OpenAPIHono<ApiEnv>();
  api.use(
    '*',
    bodyLimit({
      maxSize: apiLimit,
      onError: (c) =>
        c.json(
          errorBody('PAYLOAD_TOO_LARGE', `Request body exceeds the ${apiLimit}-byte limit`),
          413,
        ),
    }),
    authenticate(deps.identity, deps.limits.badTokens),
    jsonTextGuard(),
  );
  api.use('/openapi.json', requireRole('viewer'));
  // Each resource's router is mounted under its own prefix; its paths are relative to it.
  const routes = api
    .route('/auth', authRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/tokens', tokenRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/flows', flowRoutes(deps))
    .route('/flows', flowSampleRoutes(deps))
    .route('/settings', settingsRoutes(deps))
    .route('/runs', runRoutes(deps))
    .route('/dead-letters', deadLetterRoutes(deps))
    .route('/events', eventRoutes(deps))
    .route('/node-types', catalogRoutes())
    .route('/connection-types', connectionTypeRoutes())
    .route('/connections', createConnectionRoutes(deps))
    .route('/admin/secrets', secretRotationRoutes(deps))
    .route('/ledger', ledgerRoutes(deps))
    .route('/quickbooks', quickbooksConnectRoutes(deps))
    .route('/shopify', shopifySyncRoutes(deps))
    .route('/templates', templateRoutes(deps))
    .route('/demo', demoRoutes(deps))
    .route('/alerts', alertRoutes(deps))
    .route('/flows', errorFlowRoutes(deps))
    .route('/disputes', disputeRoutes(deps))
    .route('/fraud', fraudRoutes(deps))
    .route('/reconciliation', reconciliationRoutes(deps))
    .route('/reconciliation', reconciliationStatementRoutes(deps))
    .route('/reconciliation', reconciliationReportRoutes(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Paybridge API',
      version: '0.1.0',
      description: 'Flows, runs and node catalogue of a Paybridge runtime.',
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });

  const app = new OpenAPIHono();
  app.use('*', hooksOriginOnly(deps.env.PAYBRIDGE_HOOKS_URL, deps.env.PAYBRIDGE_PUBLIC_URL));
  app.use('*', securityHeaders());
  app.use('/hooks/*', ingressTelemetry(deps.metrics));
  app.use('/pay/*', ingressTelemetry(deps.metrics));
  app.route(
    '/',
    metricsRoutes({
      metrics: deps.metrics,
      identity: deps.identity,
      badTokens: deps.limits.badTokens,
      metricsToken: deps.env.PAYBRIDGE_METRICS_TOKEN,
    }),
  );
  if (deps.sandbox) {
    const auth = { identity: deps.identity, badTokens: deps.limits.badTokens };
    app.route('/sandbox/paytrace', guardSimulatorAdmin(deps.sandbox.paytrace, auth));
    app.route('/sandbox/shopify', guardSimulatorAdmin(deps.sandbox.shopify, auth));
    app.route('/sandbox/quickbooks', guardSimulatorAdmin(deps.sandbox.quickbooks, auth));
  }
  if (deps.pay) app.route('/', payRoutes(deps.pay));
  const served = app
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      try {
        await pingDatabase(deps.sql);
        return c.json({ status: 'ready' });
      } catch {
        return c.json({ status: 'unavailable', reason: 'database unreachable' }, 503);
      }
    })
    .route('/api', routes)
    .route('/', shopifyHookRoutes(deps))
    .route('/', hookRoutes(deps))
    .route('/', quickbooksCallbackRoutes(deps));

  app.all('/api/*', (c) =>
    c.json(errorBody('NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`), 404),
  );

  if (deps.editorDir && existsSync(join(deps.editorDir, 'index.html'))) {
    const root = relative(process.cwd(), deps.editorDir) || '.';
    const index = readFileSync(join(deps.editorDir, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root }));
    app.get('/*', (c) => c.html(index));
  } else {
    app.get('/', (c) =>
      c.text('Paybridge runtime is running. The editor is not built: run `npm run build`.'),
    );
  }
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `Nothing at ${c.req.path}`), 404));
  app.onError(createErrorHandler(deps.logger));
  // This app's own access rules, read from its own routes: never shared with another app.
  const routePolicy = routePolicyOf(api, '/api', [
    { method: 'GET', path: '/api/openapi.json', role: 'viewer' },
  ]);
  return Object.assign(served, { routePolicy });
}

export type AppType = ReturnType<typeof createApp>;
