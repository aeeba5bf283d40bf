import type { Sql } from '../client';

/** Filters of the audit trail; every one optional, all of them combined with `and`. */
export interface AuditFilters {
  /** An action or its family: `token` matches `token.create` and `token.revoke`. */
  action?: string | undefined;
  actorId?: string | undefined;
  /** Part of the actor's label (an email or token name), any case. */
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Only entries older than this id (paging). */
  before?: number | undefined;
}

/** One audit entry as the API shows it. */
export interface AuditRow {
  id: number;
  at: string;
  actorType: 'user' | 'token' | 'system' | 'anonymous';
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

/** `%`, `_` and `\` in a user's search text match themselves, not any characters. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Audit entries newest first, up to `limit`. The filter set is open-ended, so this is a raw
 * query built from optional fragments; user text only ever travels as a parameter.
 */
export async function listAuditEntries(
  sql: Sql,
  f: AuditFilters,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await sql<(Omit<AuditRow, 'id' | 'at'> & { id: string | number; at: Date })[]>`
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
    order by id desc limit ${limit}`;
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }));
}
