import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorBody } from './api-error';
import { createErrorHandler } from './api-error';
import type { AppDeps } from './app-deps';
import { catalogRoutes } from './routes/catalog';
import { flowRoutes } from './routes/flows';
import { hookRoutes } from './routes/hooks';
import { runRoutes } from './routes/runs';

/**
 * The runtime's HTTP surface: JSON API under `/api`, trigger ingress under `/hooks`, health
 * probes, and the built editor at `/`.
 */
export function createApp(deps: AppDeps) {
  const api = new OpenAPIHono()
    .route('/', flowRoutes(deps))
    .route('/', runRoutes(deps))
    .route('/', catalogRoutes());
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Paybridge API',
      version: '0.1.0',
      description: 'Flows, runs and node catalogue of a Paybridge runtime.',
    },
  });

  const app = new OpenAPIHono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      try {
        await deps.sql`select 1`;
        return c.json({ status: 'ready' });
      } catch {
        return c.json({ status: 'unavailable', reason: 'database unreachable' }, 503);
      }
    })
    .route('/api', api)
    .route('/', hookRoutes(deps));

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
  return app;
}

export type AppType = ReturnType<typeof createApp>;
