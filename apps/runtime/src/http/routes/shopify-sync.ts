import { z } from '@hono/zod-openapi';
import { listShopifySync } from '../../db/queries/shopify-sync';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';

const SyncState = z.object({
  connectionId: z.string(),
  name: z.string(),
  /** Orders changed up to here have been reconciled. */
  watermark: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Events the last successful poll found that no webhook had delivered. */
  lastRecovered: z.number().int(),
  /** Seconds since the last successful poll; null before the first. */
  lagSeconds: z.number().int().nullable(),
});

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** Health of missed-event reconciliation per Shopify store. */
export function shopifySyncRoutes(deps: AppDeps) {
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/reconciliation',
      summary: 'Missed-event reconciliation per Shopify connection: watermark, lag, last outcome',
      responses: {
        200: jsonResponse(z.object({ connections: z.array(SyncState) }), 'Reconciliation state'),
      },
    }),
    async (c) => {
      const rows = await listShopifySync(deps.sql);
      return c.json(
        {
          connections: rows.map((r) => ({
            ...r,
            watermark: iso(r.watermark) ?? r.watermark,
            lastAttemptAt: iso(r.lastAttemptAt),
            lastSuccessAt: iso(r.lastSuccessAt),
          })),
        },
        200,
      );
    },
  );
}
