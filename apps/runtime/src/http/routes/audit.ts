import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';

const Query = z.object({
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The audit trail (admins only), newest first, filtered by action prefix, actor, target, time. */
export function auditRoutes(deps: AppDeps) {
  return apiRouter().openapi(
    apiRoute('admin', {
      method: 'get',
      path: '/audit',
      summary: 'Audit log entries, newest first (`before` pages by entry id)',
      request: { query: Query },
      responses: { 200: jsonResponse(z.object({ entries: z.array(z.unknown()) }), 'Entries') },
    }),
    async (c) => {
      const f = c.req.valid('query');
      const sql = deps.sql;
      const rows = await sql`
        select id, at, actor_type as "actorType", actor_id as "actorId", actor_label as "actorLabel",
               action, target_type as "targetType", target_id as "targetId", ip, details
        from audit_log
        where true
          ${f.action ? sql`and (action = ${f.action} or action like ${f.action + '.%'})` : sql``}
          ${f.actorId ? sql`and actor_id = ${f.actorId}` : sql``}
          ${f.targetId ? sql`and target_id = ${f.targetId}` : sql``}
          ${f.since ? sql`and at >= ${f.since}` : sql``}
          ${f.until ? sql`and at <= ${f.until}` : sql``}
          ${f.before ? sql`and id < ${f.before}` : sql``}
        order by id desc limit ${f.limit}`;
      return c.json({ entries: [...rows] }, 200);
    },
  );
}
