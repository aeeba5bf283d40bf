import { z } from '@hono/zod-openapi';
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

/** `%`, `_` and `\` in a user's search text match themselves, not any characters. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

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
      const sql = deps.sql;
      const rows = await sql<
        {
          id: string | number;
          at: Date;
          actorType: z.infer<typeof AuditEntry>['actorType'];
          actorId: string | null;
          actorLabel: string | null;
          action: string;
          targetType: string | null;
          targetId: string | null;
          ip: string | null;
          details: unknown;
        }[]
      >`
        select id, at, actor_type as "actorType", actor_id as "actorId", actor_label as "actorLabel",
               action, target_type as "targetType", target_id as "targetId", ip, details
        from audit_log
        where true
          ${f.action ? sql`and (action = ${f.action} or action like ${likeLiteral(f.action) + '.%'})` : sql``}
          ${f.actorId ? sql`and actor_id = ${f.actorId}` : sql``}
          ${f.actor ? sql`and actor_label ilike ${'%' + likeLiteral(f.actor) + '%'}` : sql``}
          ${f.targetType ? sql`and target_type = ${f.targetType}` : sql``}
          ${f.targetId ? sql`and target_id = ${f.targetId}` : sql``}
          ${f.since ? sql`and at >= ${f.since.toISOString()}::timestamptz` : sql``}
          ${f.until ? sql`and at <= ${f.until.toISOString()}::timestamptz` : sql``}
          ${f.before ? sql`and id < ${f.before}` : sql``}
        order by id desc limit ${f.limit + 1}`;
      const page = rows.slice(0, f.limit).map((r) => ({
        ...r,
        id: Number(r.id),
        at: new Date(r.at).toISOString(),
      }));
      const more = rows.length > f.limit;
      return c.json(
        { entries: page, nextBefore: more ? (page[page.length - 1]?.id ?? null) : null },
        200,
      );
    },
  );
}
