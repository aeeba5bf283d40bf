import { flowFlag } from '../../jobs/flow-slots';
import type { FlowGraph } from '@paybridge/engine';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql as dsql } from 'drizzle-orm';
import type { Db, Sql } from '../client';
import { events, flowVersions, runs, runSteps, type RunStatus } from '../schema/index';
import { decodeStepValues } from '../../runs/step-values';

export interface RunFilters {
  flowId?: string;
  status?: RunStatus;
  since?: Date;
  until?: Date;
  /** Cursor: only runs created strictly before this instant (the last page's oldest). */
  before?: Date;
  limit: number;
}

export async function listRuns(db: Db, f: RunFilters) {
  const where = and(
    f.flowId ? eq(runs.flowId, f.flowId) : undefined,
    f.status ? eq(runs.status, f.status) : undefined,
    f.since ? gte(runs.createdAt, f.since) : undefined,
    f.until ? lte(runs.createdAt, f.until) : undefined,
    f.before ? lt(runs.createdAt, f.before) : undefined,
  );
  return db.select().from(runs).where(where).orderBy(desc(runs.createdAt)).limit(f.limit);
}

/**
 * How many runs are in each status, under the same filters as the list (minus status and
 * paging): what the editor shows above a flow's runs, so declined and failed runs stand out.
 */
export async function countRunsByStatus(
  db: Db,
  f: Pick<RunFilters, 'flowId' | 'since' | 'until'>,
): Promise<Partial<Record<RunStatus, number>>> {
  const rows = await db
    .select({ status: runs.status, count: dsql<number>`count(*)::int` })
    .from(runs)
    .where(
      and(
        f.flowId ? eq(runs.flowId, f.flowId) : undefined,
        f.since ? gte(runs.createdAt, f.since) : undefined,
        f.until ? lte(runs.createdAt, f.until) : undefined,
      ),
    )
    .groupBy(runs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

export async function getRunDetail(db: Db, runId: string) {
  const [row] = await db
    .select({ run: runs, payload: events.payload, version: flowVersions.version })
    .from(runs)
    .innerJoin(events, eq(events.id, runs.eventId))
    .innerJoin(flowVersions, eq(flowVersions.id, runs.flowVersionId))
    .where(eq(runs.id, runId));
  if (!row) return null;
  const rows = await db
    .select()
    .from(runSteps)
    .where(eq(runSteps.runId, runId))
    .orderBy(asc(runSteps.seq));
  // Values are stored once (references, differences): read back as they were recorded.
  return { ...row, steps: decodeStepValues(rows, row.payload) };
}

/** The graphs of flow versions by id, for deciding what run data a role may see. */
export async function graphsOfVersions(db: Db, versionIds: readonly string[]) {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return new Map<string, FlowGraph>();
  const rows = await db
    .select({ id: flowVersions.id, graph: flowVersions.graph })
    .from(flowVersions)
    .where(inArray(flowVersions.id, ids));
  return new Map(rows.map((row) => [row.id, row.graph]));
}

/**
 * Puts a failed run back in the queue; the engine re-executes its failed step and continues.
 * With `versionId` the run continues on another version of its flow (e.g. a fixed mapping).
 * Only failed runs qualify, so a double click cannot start a finished run twice.
 */
export async function retryFailedRun(sql: Sql, runId: string, versionId: string | null) {
  return sql.begin((tx) => retryFailedRunIn(tx as unknown as Sql, runId, versionId));
}

/**
 * {@link retryFailedRun} inside a caller's transaction (a bulk operation marks its item in the
 * same one). Its open dead letter is resolved: the retry is how it was handled.
 */
export async function retryFailedRunIn(tx: Sql, runId: string, versionId: string | null) {
  const rows = await tx`
    update runs set status = 'queued', error = null, failed_node_id = null, finished_at = null,
      unfinished_executions = 0, flow_version_id = coalesce(${versionId}::uuid, flow_version_id), updated_at = now()
    where id = ${runId} and status = 'failed'
    returning id, flow_id::text as flow_id`;
  if (rows.length === 0) return false;
  await tx`select set_config('plan_cache_mode', 'force_custom_plan', true)`;
  await tx`update dead_letters set resolved_at = now(), resolution = 'retried'
           where run_id = ${runId} and resolved_at is null`;
  await tx`select graphile_worker.add_job('run.execute',
             json_build_object('runId', ${runId}::text, 'flowId', ${rows[0]!.flow_id}::text),
             job_key => ${'run:' + runId}, job_key_mode => 'replace',
             flags => array[${flowFlag(rows[0]!.flow_id)}])`;
  return true;
}

/** Closes an open dead letter with a note; null when there is no open one with that id. */
export async function resolveDeadLetter(
  sql: Sql,
  id: string,
  resolution: string,
): Promise<Date | null> {
  const [row] = await sql<{ resolved_at: Date }[]>`
    with upd as (
      update dead_letters set resolved_at = now(), resolution = ${resolution}
      where id = ${id} and resolved_at is null returning resolved_at, run_id),
    touch as (update runs set updated_at = now() where id in (select run_id from upd))
    select resolved_at from upd`;
  return row ? new Date(row.resolved_at) : null;
}
