import { z } from '@hono/zod-openapi';
import { listUnmatched } from '../../db/queries/unmatched-events';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';
import { errorResponses } from '../schemas';

const UnmatchedReason = z.enum(['no-active-flow', 'no-flow-for-topic', 'gateway-filtered']);

/** One gateway filter that refused an event (`gateway-filtered`). */
const GatewayRefusal = z.object({
  flowId: z.string(),
  flowName: z.string().nullable(),
  wanted: z.array(z.string()),
  named: z.array(z.string()),
  order: z.object({ id: z.string(), gateways: z.array(z.string()).nullable() }).optional(),
});

export const UnmatchedEvent = z
  .object({
    id: z.string(),
    source: z.string(),
    connectionId: z.string().nullable(),
    topic: z.string(),
    deliveryId: z.string(),
    resourceId: z.string().nullable(),
    reason: UnmatchedReason,
    message: z.string(),
    details: z.object({ flows: z.array(GatewayRefusal) }).nullable(),
    receivedAt: z.string(),
  })
  .openapi('UnmatchedEvent');

export const UnmatchedEvents = z
  .object({
    /** Per reason and topic, over every page (same filters). */
    counts: z.array(
      z.object({
        reason: UnmatchedReason,
        topic: z.string(),
        count: z.number().int(),
        lastAt: z.string(),
      }),
    ),
    total: z.number().int(),
    events: z.array(UnmatchedEvent),
    nextBefore: z.string().nullable(),
  })
  .openapi('UnmatchedEvents');

const Query = z.object({
  connectionId: z.string().uuid().optional(),
  topic: z.string().max(100).optional(),
  reason: UnmatchedReason.optional(),
  since: z.coerce.date().optional(),
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Events that came in and started nothing, with why (no active flow, no flow for the topic, a
 * flow's gateway filter) and how many of each: the answer to "Shopify got 200, where is my run?".
 */
export function eventRoutes(deps: AppDeps) {
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/unmatched',
      summary: 'Deliveries no active flow took, newest first, with reasons and counts',
      request: { query: Query },
      responses: { 200: jsonResponse(UnmatchedEvents, 'Unmatched events'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { rows, counts } = await listUnmatched(deps.sql, q);
      const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
      return c.json(
        {
          counts,
          total: counts.reduce((n, r) => n + r.count, 0),
          events: rows.map((r) => ({
            ...r,
            details: r.details as z.infer<typeof UnmatchedEvent>['details'],
          })),
          nextBefore: last ? last.receivedAt : null,
        },
        200,
      );
    },
  );
}
