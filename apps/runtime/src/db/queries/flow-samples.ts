import type { Sql } from '../client';

/** At most this many pinned samples per flow, so a flow cannot grow without bound. */
export const MAX_SAMPLES_PER_FLOW = 100;

export interface FlowSample {
  nodeId: string;
  payload: unknown;
  updatedAt: Date;
}

/** Why a sample was not pinned: the flow is gone (or deleted), or it already has too many. */
export type PinResult = 'pinned' | 'no-flow' | 'too-many';

/** The samples pinned on a live flow's nodes, or null when there is no such flow. */
export async function listSamples(sql: Sql, flowId: string): Promise<FlowSample[] | null> {
  const rows = await sql<{ node_id: string | null; payload: unknown; updated_at: Date | null }[]>`
    select s.node_id, s.payload, s.updated_at
    from flows f left join flow_samples s on s.flow_id = f.id
    where f.id = ${flowId} and f.deleted_at is null
    order by s.node_id`;
  if (rows.length === 0) return null;
  return rows
    .filter((r) => r.node_id !== null)
    .map((r) => ({
      nodeId: r.node_id as string,
      payload: r.payload,
      updatedAt: new Date(r.updated_at as Date),
    }));
}

/**
 * Pins (or replaces) a node's sample. The flow row is locked so that a concurrent delete cannot
 * leave a sample behind on a deleted flow, and the count check cannot be raced past.
 */
export async function pinSample(
  sql: Sql,
  flowId: string,
  nodeId: string,
  payload: unknown,
): Promise<PinResult> {
  return sql.begin(async (tx) => {
    const live = await tx`
      select 1 from flows where id = ${flowId} and deleted_at is null for update`;
    if (live.length === 0) return 'no-flow';
    const [count] = await tx<{ n: number }[]>`
      select count(*)::int as n from flow_samples where flow_id = ${flowId} and node_id <> ${nodeId}`;
    if ((count?.n ?? 0) >= MAX_SAMPLES_PER_FLOW) return 'too-many';
    await tx`
      insert into flow_samples (flow_id, node_id, payload)
      values (${flowId}, ${nodeId}, ${JSON.stringify(payload)}::jsonb)
      on conflict (flow_id, node_id) do update set payload = excluded.payload, updated_at = now()`;
    return 'pinned';
  });
}

/** Unpins a node's sample; false when none was pinned. */
export async function unpinSample(sql: Sql, flowId: string, nodeId: string): Promise<boolean> {
  const rows = await sql`
    delete from flow_samples where flow_id = ${flowId} and node_id = ${nodeId} returning 1`;
  return rows.length > 0;
}
