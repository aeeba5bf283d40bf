import type { Sql } from '../client';
import type { RunStatus } from '../schema/index';
import { OPERATOR_STATUS_SQL, type OperatorStatus } from './run-list';

/** A run related to another one, as stored. */
export interface RelatedRunRow {
  id: string;
  flow_id: string;
  status: RunStatus;
  op: OperatorStatus;
  parent: string | null;
  created_at: Date;
}

/**
 * The other runs of a run's event and its replay chain, both ways: the run it replays, the runs
 * replaying it, and the other runs of the same event. Bounded, oldest first.
 */
export async function relatedRunRows(
  sql: Sql,
  run: { id: string; eventId: string; parentRunId: string | null },
): Promise<RelatedRunRow[]> {
  return sql<RelatedRunRow[]>`
    select r.id::text as id, r.flow_id::text as flow_id, r.status,
      ${sql.unsafe(OPERATOR_STATUS_SQL)} as op, r.parent_run_id::text as parent, r.created_at
    from runs r
    where r.id <> ${run.id}::uuid and (
      r.event_id = ${run.eventId}::uuid or r.parent_run_id = ${run.id}::uuid
      or r.id = ${run.parentRunId}::uuid)
    order by r.created_at asc limit 100`;
}

/** An effect record as the run view reads it. */
export interface EffectRow {
  business_key: string;
  node_id: string;
  reference: string;
  status: 'pending' | 'settled' | 'released';
  remote_id: string | null;
  operation: string | null;
  amount_minor: string | null;
  run_id: string;
  settled_by_run: string | null;
  created_at: Date;
  /** The document an ERP posting recorded with its outcome (`outcome.document`), else null. */
  document: unknown;
}

/**
 * The effect records of a run: claimed or settled by it, or recorded for its flow and event
 * (which replays share). Bounded, oldest first.
 */
export async function runEffectRows(
  sql: Sql,
  run: { id: string; flowId: string; eventId: string },
): Promise<EffectRow[]> {
  return sql<EffectRow[]>`
    select business_key, node_id, reference, status, remote_id, operation,
      amount_minor::text as amount_minor, run_id::text as run_id,
      settled_by_run::text as settled_by_run, created_at, outcome -> 'document' as document
    from effect_records
    where run_id = ${run.id}::uuid or settled_by_run = ${run.id}::uuid
       or (flow_id = ${run.flowId}::uuid and event_id = ${run.eventId}::uuid)
    order by created_at asc limit 200`;
}
