import type { Sql } from '../client';

/** Why an authentic delivery started no run. */
export type UnmatchedReason = 'no-active-flow' | 'no-flow-for-topic' | 'gateway-filtered';

/** One flow's gateway filter that refused an event, and what the event named. */
export interface GatewayRefusal {
  flowId: string;
  flowName: string | null;
  wanted: readonly string[];
  named: readonly string[];
  /** The refund's order, when its gateways were looked up (null: never seen by Paybridge). */
  order?: { id: string; gateways: readonly string[] | null };
}

/** A delivery that matched no flow, as recorded. */
export interface UnmatchedEntry {
  source: string;
  connectionId: string | null;
  topic: string;
  deliveryId: string;
  resourceId: string | null;
  reason: UnmatchedReason;
  message: string;
  details: { flows: GatewayRefusal[] } | null;
}

/**
 * Records a delivery that started nothing, so that "Shopify got 200 and nothing ran" is visible
 * and counted (`GET /api/events/unmatched`). A redelivery of the same id counts once.
 */
export async function recordUnmatched(sql: Sql, entry: UnmatchedEntry): Promise<void> {
  await sql`
    insert into unmatched_events
      (source, connection_id, topic, delivery_id, resource_id, reason, message, details)
    values (${entry.source}, ${entry.connectionId}, ${entry.topic}, ${entry.deliveryId},
            ${entry.resourceId}, ${entry.reason}, ${entry.message},
            ${entry.details === null ? null : JSON.stringify(entry.details)}::jsonb)
    on conflict (source, delivery_id) do nothing`;
}

/** Filters of the unmatched list. */
export interface UnmatchedQuery {
  connectionId?: string | undefined;
  topic?: string | undefined;
  reason?: UnmatchedReason | undefined;
  since?: Date | undefined;
  before?: Date | undefined;
  limit: number;
}

/** One unmatched delivery as the API lists it. */
export interface UnmatchedRow extends Omit<UnmatchedEntry, 'details'> {
  id: string;
  details: unknown;
  receivedAt: string;
}

/** Timestamps come back as Date or text depending on the pool's type settings: always ISO. */
const iso = (v: Date | string) => new Date(v).toISOString();

/** Counts by reason and topic (for the same filters, ignoring paging), newest first in `rows`. */
export async function listUnmatched(sql: Sql, q: UnmatchedQuery) {
  const where = sql`
    where true
      ${q.connectionId ? sql`and connection_id = ${q.connectionId}` : sql``}
      ${q.topic ? sql`and topic = ${q.topic}` : sql``}
      ${q.reason ? sql`and reason = ${q.reason}` : sql``}
      ${q.since ? sql`and received_at >= ${q.since}` : sql``}`;
  const rows = await sql<(Omit<UnmatchedRow, 'receivedAt'> & { receivedAt: Date | string })[]>`
    select id::text, source, connection_id::text as "connectionId", topic,
           delivery_id as "deliveryId", resource_id as "resourceId", reason, message, details,
           received_at as "receivedAt"
    from unmatched_events ${where}
      ${q.before ? sql`and received_at < ${q.before}` : sql``}
    order by received_at desc, id limit ${q.limit}`;
  const counts = await sql<
    { reason: UnmatchedReason; topic: string; count: number; lastAt: Date | string }[]
  >`
    select reason, topic, count(*)::int as count, max(received_at) as "lastAt"
    from unmatched_events ${where}
    group by reason, topic order by count(*) desc, reason, topic`;
  return {
    rows: rows.map((r): UnmatchedRow => ({ ...r, receivedAt: iso(r.receivedAt) })),
    counts: counts.map((c) => ({ ...c, lastAt: iso(c.lastAt) })),
  };
}
