import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { jsonResponse } from '../openapi-helpers';
import { RUNTIME_VERSION } from '../../version';

const Settings = z
  .object({
    /**
     * Base URL at which outside systems reach this runtime (`PAYBRIDGE_PUBLIC_URL`, else the URL
     * it printed at start), without a trailing slash; null when not known yet.
     */
    publicUrl: z.string().nullable(),
    /**
     * Base URL of the separate origin for trigger endpoints (`PAYBRIDGE_HOOKS_URL`), without a
     * trailing slash; null when hooks are served on the public URL.
     */
    hooksUrl: z.string().nullable(),
    /** True in sandbox mode: the built-in simulators run and the guided demo is offered. */
    sandbox: z.boolean(),
    /** The runtime's release (its package version) and the Node.js it runs on. */
    version: z.string(),
    nodeVersion: z.string(),
  })
  .openapi('Settings');

/**
 * Runtime settings every signed-in user may read. The editor needs the public URL to show
 * trigger endpoints (REST paths, Shopify webhooks) as the outside world must call them: behind a
 * proxy or tunnel, the page's own origin is not that address.
 */
export function settingsRoutes(deps: Pick<AppDeps, 'publicUrl' | 'env' | 'sandbox'>) {
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/',
      summary:
        'Runtime settings for signed-in users (public base URL of trigger endpoints, version)',
      responses: { 200: jsonResponse(Settings, 'Settings') },
    }),
    (c) => {
      const url = deps.publicUrl();
      const hooks = deps.env.PAYBRIDGE_HOOKS_URL;
      return c.json(
        {
          publicUrl: url === null ? null : url.replace(/\/+$/, ''),
          hooksUrl: hooks === undefined ? null : hooks.replace(/\/+$/, ''),
          sandbox: deps.sandbox !== null,
          version: RUNTIME_VERSION,
          nodeVersion: process.version,
        },
        200,
      );
    },
  );
}
