import type { Context } from 'hono';
import type { Actor } from '../auth/actor';
import { clientIp } from '../auth/actor';
import type { Sql } from '../db/client';

/** What happened, in `area.verb` form, e.g. `flow.activate`, `connection.update`, `login.fail`. */
export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Context for people reading the log. Never put secret values here. */
  details?: Record<string, unknown>;
}

/**
 * Append-only audit trail. Writes are awaited: an action that cannot be recorded should fail
 * rather than happen unrecorded.
 */
export class AuditLog {
  constructor(private readonly sql: Sql) {}

  /** Records an entry for the request's caller (or `anonymous`, e.g. a failed login). */
  async record(c: Context | null, entry: AuditEntry, actorOverride?: Actor | null): Promise<void> {
    const actor = actorOverride ?? (c?.get('actor') as Actor | undefined) ?? null;
    await this.sql`
      insert into audit_log (actor_type, actor_id, actor_label, action, target_type, target_id, ip, details)
      values (${actor?.type ?? (c ? 'anonymous' : 'system')}, ${actor?.id ?? null}, ${actor?.label ?? null},
              ${entry.action}, ${entry.targetType ?? null}, ${entry.targetId ?? null},
              ${c ? clientIp(c) : null}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb)`;
  }
}
