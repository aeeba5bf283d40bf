import type { StepError } from '@paybridge/engine';
import type { Sql } from '../client';
import { dateOrNull, OPERATOR_STATUS_SQL, type OperatorStatus } from './run-list';

export interface DeadLetterFilters {
  /** true: open only; false: resolved only; undefined: both. */
  open?: boolean;
  flowId?: readonly string[];
  code?: readonly string[];
}

export interface DeadLetterRow {
  id: string;
  run_id: string;
  flow_id: string;
  flow_name: string | null;
  flow_version_id: string | null;
  node_id: string;
  error: StepError;
  reason: string;
  created_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
  run_status: OperatorStatus | null;
  created_key: string;
}

function where(sql: Sql, f: DeadLetterFilters) {
  return sql`
    ${f.open === undefined ? sql`true` : f.open ? sql`d.resolved_at is null` : sql`d.resolved_at is not null`}
    and ${f.flowId?.length ? sql`d.flow_id = any(${[...f.flowId]}::uuid[])` : sql`true`}
    and ${f.code?.length ? sql`(d.error ->> 'code') = any(${[...f.code]}::text[])` : sql`true`}`;
}

/** Dead letters newest first, keyset-paged on (created_at, id). */
export async function listDeadLetters(
  sql: Sql,
  f: DeadLetterFilters,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<DeadLetterRow[]> {
  const rows = await sql<DeadLetterRow[]>`
    select d.id::text as id, d.run_id::text as run_id, d.flow_id::text as flow_id,
      f.name as flow_name, r.flow_version_id::text as flow_version_id, d.node_id, d.error,
      d.reason, d.created_at, d.resolved_at, d.resolution,
      case when r.id is null then null else ${sql.unsafe(OPERATOR_STATUS_SQL)} end as run_status,
      to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
    from dead_letters d
    left join runs r on r.id = d.run_id
    left join flows f on f.id = d.flow_id
    where ${where(sql, f)}
      and ${after ? sql`(d.created_at, d.id) < (${after.key}::timestamptz, ${after.id}::uuid)` : sql`true`}
    order by d.created_at desc, d.id desc
    limit ${limit}`;
  return rows.map((r) => ({
    ...r,
    created_at: new Date(r.created_at),
    resolved_at: dateOrNull(r.resolved_at),
  }));
}

export interface DeadLetterGroupRow {
  flow_id: string;
  flow_name: string | null;
  code: string | null;
  count: number;
  first_seen: Date;
  last_seen: Date;
  sample_run_id: string;
  sample_message: string;
}

/** Dead letters by flow and error code: how many, first and last seen, the latest as a sample. */
export async function deadLetterGroups(
  sql: Sql,
  f: DeadLetterFilters,
): Promise<DeadLetterGroupRow[]> {
  const rows = await sql<DeadLetterGroupRow[]>`
    select g.flow_id::text as flow_id, f.name as flow_name, g.code, g.count, g.first_seen,
      g.last_seen, g.sample_run_id, g.sample_message
    from (
      select d.flow_id, (d.error ->> 'code') as code, count(*)::int as count,
        min(d.created_at) as first_seen, max(d.created_at) as last_seen,
        (array_agg(d.run_id::text order by d.created_at desc))[1] as sample_run_id,
        (array_agg(coalesce(d.error ->> 'message', d.reason) order by d.created_at desc))[1]
          as sample_message
      from dead_letters d
      where ${where(sql, f)}
      group by d.flow_id, (d.error ->> 'code')
    ) g left join flows f on f.id = g.flow_id
    order by g.last_seen desc
    limit 500`;
  return rows.map((r) => ({
    ...r,
    first_seen: new Date(r.first_seen),
    last_seen: new Date(r.last_seen),
  }));
}

/**
 * Resolves open dead letters with a note, by id or by group (flow and error code, `null` for
 * none), and marks their runs changed so live lists see them leave `dead-lettered`.
 */
export async function resolveDeadLetters(
  sql: Sql,
  target: { ids: readonly string[] } | { flowId: string; code: string | null },
  resolution: string,
  limit: number,
): Promise<string[]> {
  return sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    const match =
      'ids' in target
        ? tx`d.id = any(${[...target.ids]}::uuid[])`
        : target.code === null
          ? tx`d.flow_id = ${target.flowId}::uuid and (d.error ->> 'code') is null`
          : tx`d.flow_id = ${target.flowId}::uuid and (d.error ->> 'code') = ${target.code}`;
    const rows = await tx<{ id: string; run_id: string }[]>`
      update dead_letters set resolved_at = now(), resolution = ${resolution}
      where id in (select d.id from dead_letters d where d.resolved_at is null and ${match}
                   limit ${limit} for update)
      returning id::text as id, run_id::text as run_id`;
    if (rows.length > 0) {
      await tx`update runs set updated_at = now() where id = any(${rows.map((r) => r.run_id)}::uuid[])`;
    }
    return rows.map((r) => r.id);
  }) as Promise<string[]>;
}
