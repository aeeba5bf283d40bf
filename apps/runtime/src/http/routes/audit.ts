import { z } from '@hono/zod-openapi';
import { listAuditEntries } from '../../db/queries/audit';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';

const Query = z.object({
  /** An action or its family: `token` matches `token.create` and `token.revoke`. */
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  /** Part of the actor's label (an email or token name), any case. */
  actor: z.string().max(200).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorType: z.enum(['user', 'token', 'system', 'anonymous']),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.unknown(),
  })
  .openapi('AuditEntry');

const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: z.number().int().nullable(),
});

/** The audit trail (admins only), newest first, filtered by action prefix, actor, target, time. */
export function auditRoutes(deps: AppDeps) {
  return apiRouter().openapi(
    apiRoute('admin', {
      method: 'get',
      path: '/',
      summary: 'Audit log entries, newest first (`before` pages by entry id)',
      request: { query: Query },
      responses: { 200: jsonResponse(AuditPage, 'Entries') },
    }),
    async (c) => {
      const f = c.req.valid('query');
      const { limit, ...filters } = f;
      const rows = await listAuditEntries(deps.sql, filters, limit + 1);
      const page = rows.slice(0, limit);
      const more = rows.length > limit;
      return c.json(
        { entries: page, nextBefore: more ? (page[page.length - 1]?.id ?? null) : null },
        200,
      );
    },
  );
}
