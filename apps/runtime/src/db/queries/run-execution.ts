import type { RunOutcome, StepRecord } from '@paybridge/engine';
import type { Sql } from '../client';

/** Channel on which a run announces a response or its end, for synchronous REST callers. */
export const RUNS_CHANNEL = 'paybridge_runs';

export interface ClaimedRun {
  id: string;
  flowId: string;
  flowVersionId: string;
  payload: unknown;
  steps: StepRecord[];
}

interface StepRow {
  seq: number;
  node_id: string;
  node_type: string;
  attempt: number;
  status: StepRecord['status'];
  port: string | null;
  input: unknown;
  output: unknown;
  error: StepRecord['error'];
  state: unknown;
  started_at: string;
  finished_at: string;
  resume_at: string | null;
}

/** Thrown when this process no longer holds a run (it was presumed dead and the run moved on). */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`run ${runId} is now held by another worker`);
  }
}

const CLAIM = `
with no_flush as (select set_config('synchronous_commit', 'off', true)),
c as (
  update runs r set status = 'running', worker_id = $2::text, executions = executions + 1,
    started_at = coalesce(started_at, now()), updated_at = now()
  where r.id = $1::uuid and (
    r.status in ('queued', 'waiting')
    or (r.status = 'running' and (
      r.worker_id is null or r.worker_id = $2::text
      or not exists (select 1 from worker_heartbeats h
                     where h.process_id = r.worker_id
                       and h.last_seen_at > now() - make_interval(secs => $3::int)))))
  returning r.id, r.flow_id, r.flow_version_id, r.event_id
)
select c.id::text as id, c.flow_id::text as flow_id, c.flow_version_id::text as flow_version_id,
  e.payload,
  coalesce((select jsonb_agg(to_jsonb(s) order by s.seq) from run_steps s where s.run_id = c.id),
           '[]'::jsonb) as steps
from c join events e on e.id = c.event_id, no_flush`;

/**
 * Takes a run for execution, with everything needed to resume it, in one round trip. A run held
 * by a live process is left alone; one held by a process that stopped heartbeating is taken over.
 *
 * The claim commits without waiting for the WAL flush: other workers see it at once (visibility
 * does not depend on the flush), and if a database crash loses it, the run is simply claimed
 * again, which is what would happen to a durable claim of a worker that died with the database.
 * Nothing that must survive is written here; checkpoints are flushed as usual.
 */
export async function claimRun(
  sql: Sql,
  runId: string,
  processId: string,
  deadAfterS: number,
): Promise<ClaimedRun | null> {
  const rows = await sql.unsafe<
    { id: string; flow_id: string; flow_version_id: string; payload: unknown; steps: StepRow[] }[]
  >(CLAIM, [runId, processId, deadAfterS], { prepare: true });
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersionId: row.flow_version_id,
    payload: row.payload,
    steps: row.steps.map((s) => ({
      runId,
      nodeId: s.node_id,
      nodeType: s.node_type,
      seq: s.seq,
      attempt: s.attempt,
      status: s.status,
      port: s.port,
      input: s.input,
      output: s.output,
      error: s.error,
      state: s.state,
      startedAt: new Date(s.started_at),
      finishedAt: new Date(s.finished_at),
      resumeAt: s.resume_at ? new Date(s.resume_at) : null,
    })),
  };
}

/**
 * One statement per checkpoint: the steps, the run's new state, a dead letter for a failed run,
 * the continuation job for a waiting one, and the notification for waiting callers. The lease
 * check makes a worker that was presumed dead unable to write over its successor.
 */
const CHECKPOINT = `
with lease as (
  select id, flow_id from runs where id = $1::uuid and worker_id = $2::text and status = 'running' for update
),
steps as (
  insert into run_steps (run_id, seq, node_id, node_type, attempt, status, port, input, output,
                         error, state, started_at, finished_at, resume_at)
  select $1::uuid, x.seq, x.node_id, x.node_type, x.attempt, x.status, x.port, x.input, x.output,
         x.error, x.state, x.started_at, x.finished_at, x.resume_at
  from jsonb_to_recordset($3::jsonb) as x(seq int, node_id text, node_type text, attempt int,
       status text, port text, input jsonb, output jsonb, error jsonb, state jsonb,
       started_at timestamptz, finished_at timestamptz, resume_at timestamptz)
  where exists (select 1 from lease)
  returning 1
),
upd as (
  update runs set
    status = coalesce($4::text, status),
    error = case when $4::text is null then error else $5::jsonb end,
    failed_node_id = case when $4::text is null then failed_node_id else $6::text end,
    response = coalesce($7::jsonb, response),
    resume_at = case when $4::text is null then resume_at else $8::timestamptz end,
    finished_at = case when $4::text in ('succeeded', 'failed') then now() else finished_at end,
    worker_id = case when $4::text is null then worker_id else null end,
    updated_at = now()
  where id in (select id from lease)
  returning id, flow_id
),
dead as (
  insert into dead_letters (run_id, flow_id, node_id, error, reason)
  select id, flow_id, $6::text, $5::jsonb, $9::text from upd where $4::text = 'failed'
  returning 1
),
custom_plans as (select set_config('plan_cache_mode', 'force_custom_plan', true)),
job as (
  select graphile_worker.add_job('run.execute', json_build_object('runId', $1::uuid::text),
           run_at => $8::timestamptz, job_key => 'run:' || $1::uuid::text, job_key_mode => 'replace') as j
  from upd, custom_plans where $4::text = 'waiting'
),
note as (
  select pg_notify('${RUNS_CHANNEL}', $1::uuid::text) as n from upd where $10::boolean
)
select (select count(*) from upd)::int as held, (select count(*) from steps)::int as steps,
       (select count(*) from dead)::int as dead, (select count(*) from job)::int as jobs,
       (select count(*) from note)::int as notes`;

const STATUS: Record<RunOutcome['status'], string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  waiting: 'waiting',
};

/** Persists a checkpoint; throws LeaseLostError when the run has been taken over. */
export async function writeCheckpoint(
  sql: Sql,
  runId: string,
  processId: string,
  steps: readonly StepRecord[],
  outcome: RunOutcome | null,
): Promise<void> {
  const respond = [...steps]
    .reverse()
    .find((s) => s.nodeType === 'respond' && s.status === 'succeeded');
  const response =
    outcome?.status === 'succeeded' && outcome.response
      ? outcome.response
      : (respond?.output ?? null);
  const terminal = outcome?.status === 'succeeded' || outcome?.status === 'failed';
  const rows = await sql.unsafe<{ held: number }[]>(
    CHECKPOINT,
    [
      runId,
      processId,
      JSON.stringify(
        steps.map((s) => ({
          seq: s.seq,
          node_id: s.nodeId,
          node_type: s.nodeType,
          attempt: s.attempt,
          status: s.status,
          port: s.port,
          input: s.input ?? null,
          output: s.output ?? null,
          error: s.error,
          state: s.state ?? null,
          started_at: s.startedAt.toISOString(),
          finished_at: s.finishedAt.toISOString(),
          resume_at: s.resumeAt?.toISOString() ?? null,
        })),
      ),
      outcome ? STATUS[outcome.status] : null,
      outcome?.status === 'failed' ? JSON.stringify(outcome.error) : null,
      outcome?.status === 'failed' ? outcome.nodeId : null,
      response === null ? null : JSON.stringify(response),
      outcome?.status === 'waiting' ? outcome.resumeAt.toISOString() : null,
      outcome?.status === 'failed'
        ? `${outcome.error.errorClass} error at node ${outcome.nodeId}: ${outcome.error.message}`
        : null,
      terminal || response !== null,
    ],
    { prepare: true },
  );
  if (!rows[0] || rows[0].held === 0) throw new LeaseLostError(runId);
}

/** Gives a run back when its execution stopped abnormally, so the job's retry can claim it. */
export async function releaseRun(sql: Sql, runId: string, processId: string): Promise<void> {
  await sql`update runs set status = 'queued', worker_id = null, updated_at = now()
            where id = ${runId} and worker_id = ${processId} and status = 'running'`;
}
