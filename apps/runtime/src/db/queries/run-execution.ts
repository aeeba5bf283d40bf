import type { RunOutcome, RunResponse, StepError, StepRecord } from '@paybridge/engine';
import { nodeDefinitions } from '@paybridge/nodes/definitions';
import type { Sql } from '../client';
import { GroupCommit } from '../group-commit';
import type { TestMode } from '../../runs/test-run';
import { decodeStepValues, StepValueEncoder } from '../../runs/step-values';

/** Channel on which a run announces a response or its end, for synchronous REST callers. */
export const RUNS_CHANNEL = 'paybridge_runs';

export interface LoadedRun {
  id: string;
  flowId: string;
  flowVersionId: string;
  /** The event the run processes; with the flow, the scope of its effect records. */
  eventId: string;
  payload: unknown;
  /** The node after which the run ends, when it was started to run only up to it. */
  stopAfter: string | null;
  /** Null for a real run; how a test run treats live connections and its effects. */
  testMode: TestMode | null;
  /** W3C traceparent of the run's trace; null when it was created with tracing off. */
  traceParent: string | null;
  steps: StepRecord[];
  /** How many executions took the run so far; the compare-and-set token of lazy claiming. */
  executions: number;
  /**
   * Earlier executions that started and never ended (their process crashed). Loading counts
   * this execution in (durably, before any step runs); ending it normally resets the count.
   */
  unfinishedExecutions: number;
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
  input_from: number | null;
  output_base: string | null;
}

/** Thrown when this process no longer holds a run (it was presumed dead and the run moved on). */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`run ${runId} is now held by another worker`);
  }
}

const LOAD = `
with no_flush as (select set_config('synchronous_commit', 'off', true)),
counted as (
  update runs r set unfinished_executions = r.unfinished_executions + 1
  from no_flush
  where r.id = $1::uuid and (
    r.status in ('queued', 'waiting')
    or (r.status = 'running' and (
      r.worker_id is null or r.worker_id = $2::text
      or not exists (select 1 from worker_heartbeats h
                     where h.process_id = r.worker_id
                       and h.last_seen_at > now() - make_interval(secs => $3::int)))))
  returning r.id, r.flow_id, r.flow_version_id, r.executions, r.event_id, r.stop_after, r.test_mode,
    r.unfinished_executions, r.trace_parent
)
select r.id::text as id, r.flow_id::text as flow_id, r.flow_version_id::text as flow_version_id,
  r.executions, r.event_id::text as event_id, e.payload, r.stop_after, r.test_mode,
  r.unfinished_executions - 1 as unfinished_executions, r.trace_parent,
  coalesce((select jsonb_agg(to_jsonb(s) order by s.seq) from run_steps s where s.run_id = r.id),
           '[]'::jsonb) as steps
from counted r join events e on e.id = r.event_id`;

/**
 * Loads a run that may be executed, with everything needed to resume it, in one statement:
 * finished runs and runs held by a live process are not returned. The only write is the count of
 * unfinished executions (so a run that crashes its process every time can be stopped); steps without
 * effects run unclaimed, and the checkpoint proves nobody else progressed meanwhile (the run's
 * `executions` count is the compare-and-set token). Before its first effect an execution takes
 * the run for real (`acquireRun`), so two executions never both perform an effect.
 */
export async function loadRun(
  sql: Sql,
  runId: string,
  processId: string,
  deadAfterS: number,
): Promise<LoadedRun | null> {
  const rows = await sql.unsafe<
    {
      id: string;
      flow_id: string;
      flow_version_id: string;
      event_id: string;
      executions: number;
      payload: unknown;
      stop_after: string | null;
      test_mode: TestMode | null;
      unfinished_executions: number;
      trace_parent: string | null;
      steps: StepRow[];
    }[]
  >(LOAD, [runId, processId, deadAfterS], { prepare: true });
  const row = rows[0];
  if (!row) return null;
  const values = decodeStepValues(
    row.steps.map((s) => ({
      seq: s.seq,
      input: s.input,
      output: s.output,
      inputFrom: s.input_from,
      outputBase: s.output_base,
    })),
    row.payload,
  );
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersionId: row.flow_version_id,
    eventId: row.event_id,
    executions: row.executions,
    payload: row.payload,
    stopAfter: row.stop_after,
    testMode: row.test_mode,
    unfinishedExecutions: row.unfinished_executions,
    traceParent: row.trace_parent,
    steps: row.steps.map((s, i) => ({
      runId,
      nodeId: s.node_id,
      nodeType: s.node_type,
      seq: s.seq,
      attempt: s.attempt,
      status: s.status,
      port: s.port,
      input: values[i]!.input,
      output: values[i]!.output,
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
  select id, flow_id from runs where id = $1::uuid and (
    ($11::int is null and worker_id = $2::text and status = 'running')
    or ($11::int is not null and executions = $11::int and status in ('queued', 'waiting', 'running')))
  for update
),
steps as (
  insert into run_steps (run_id, seq, node_id, node_type, attempt, status, port, input, output,
                         error, state, started_at, finished_at, resume_at, input_from, output_base)
  select $1::uuid, x.seq, x.node_id, x.node_type, x.attempt, x.status, x.port, x.input, x.output,
         x.error, x.state, x.started_at, x.finished_at, x.resume_at, x.input_from, x.output_base
  from jsonb_to_recordset($3::jsonb) as x(seq int, node_id text, node_type text, attempt int,
       status text, port text, input jsonb, output jsonb, error jsonb, state jsonb,
       started_at timestamptz, finished_at timestamptz, resume_at timestamptz,
       input_from int, output_base text)
  where exists (select 1 from lease)
  returning 1
),
upd as (
  update runs set
    status = case when $4::text is not null then $4::text
                  when $11::int is not null then 'running' else status end,
    executions = executions + case when $11::int is null then 0 else 1 end,
    -- Progress (a checkpointed step) or an outcome ends the count of executions that crashed:
    -- only a run that crashes its worker again and again without progress is poisoned, never
    -- one whose workers were killed from outside while it moved on.
    unfinished_executions = case when $4::text is null and not exists (select 1 from steps)
                                 then unfinished_executions else 0 end,
    started_at = coalesce(started_at, $12::timestamptz),
    error = case when $4::text is null then error else $5::jsonb end,
    failed_node_id = case when $4::text is null then failed_node_id else $6::text end,
    response = coalesce($7::jsonb, response),
    resume_at = case when $4::text is null then resume_at else $8::timestamptz end,
    finished_at = case when $4::text in ('succeeded', 'failed', 'declined') then now() else finished_at end,
    worker_id = case when $4::text is not null then null
                     when $11::int is not null then $2::text else worker_id end,
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
  select graphile_worker.add_job('run.execute',
           json_build_object('runId', $1::uuid::text, 'flowId', upd.flow_id::text),
           run_at => $8::timestamptz, job_key => 'run:' || $1::uuid::text, job_key_mode => 'replace',
           flags => array['flow:' || upd.flow_id::text]) as j
  from upd, custom_plans where $4::text = 'waiting'
),
note as (
  select pg_notify('${RUNS_CHANNEL}', $1::uuid::text) as n from upd where $10::boolean
)
select (select count(*) from upd)::int as held, (select count(*) from steps)::int as steps,
       (select count(*) from dead)::int as dead, (select count(*) from job)::int as jobs,
       (select count(*) from note)::int as notes`;

/** Node types whose succeeded output answers a sync trigger's caller (declared `answersCaller`). */
const ANSWERING_TYPES: ReadonlySet<string> = new Set(
  nodeDefinitions.filter((d) => d.answersCaller).map((d) => d.type),
);

const STATUS: Record<RunOutcome['status'], string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  declined: 'declined',
  waiting: 'waiting',
};

/**
 * What a checkpoint gives a synchronous caller as the run's answer: the outcome's response, else
 * the output of the checkpoint's last answering step (`respond`); null when it has none.
 */
export function runResponse(
  steps: readonly StepRecord[],
  outcome: RunOutcome | null,
): RunResponse | null {
  if ((outcome?.status === 'succeeded' || outcome?.status === 'declined') && outcome.response) {
    return outcome.response;
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (ANSWERING_TYPES.has(s.nodeType) && s.status === 'succeeded') {
      return s.output as RunResponse;
    }
  }
  return null;
}

/** The run status stored for an outcome. */
export function storedStatus(outcome: RunOutcome): string {
  return STATUS[outcome.status];
}

/** Persists a checkpoint; throws LeaseLostError when the run has been taken over. */
export async function writeCheckpoint(
  sql: Sql,
  runId: string,
  processId: string,
  steps: readonly StepRecord[],
  outcome: RunOutcome | null,
  /** Set while the run is not held: the `executions` count it was loaded with. */
  unheldExecutions: number | null = null,
  startedAt: Date = new Date(),
  /**
   * Stores each value once (inputs as references to earlier outputs, outputs as differences from
   * their input); one encoder per execution, so references reach the steps of earlier checkpoints.
   */
  encoder: StepValueEncoder = new StepValueEncoder(null),
): Promise<void> {
  const response = runResponse(steps, outcome);
  const terminal =
    outcome?.status === 'succeeded' ||
    outcome?.status === 'failed' ||
    outcome?.status === 'declined';
  // A declined run keeps why and where (no dead letter: it ended as the flow was built).
  const stopped = outcome?.status === 'failed' || outcome?.status === 'declined' ? outcome : null;
  const rows = await sql.unsafe<{ held: number }[]>(
    CHECKPOINT,
    [
      runId,
      processId,
      JSON.stringify(stepRows(steps, encoder)),
      outcome ? STATUS[outcome.status] : null,
      stopped ? JSON.stringify(stopped.error) : null,
      stopped ? stopped.nodeId : null,
      response === null ? null : JSON.stringify(response),
      outcome?.status === 'waiting' ? outcome.resumeAt.toISOString() : null,
      outcome?.status === 'failed'
        ? `${outcome.error.errorClass} error at node ${outcome.nodeId}: ${outcome.error.message}`
        : null,
      terminal || response !== null,
      unheldExecutions,
      startedAt.toISOString(),
    ],
    { prepare: true },
  );
  if (!rows[0] || rows[0].held === 0) throw new LeaseLostError(runId);
}

/** The checkpoint's steps as `run_steps` rows, each value stored once (see the encoder). */
function stepRows(steps: readonly StepRecord[], encoder: StepValueEncoder) {
  return steps.map((s) => {
    const values = encoder.encode(s);
    return {
      seq: s.seq,
      node_id: s.nodeId,
      node_type: s.nodeType,
      attempt: s.attempt,
      status: s.status,
      port: s.port,
      input: values.input,
      output: values.output,
      input_from: values.inputFrom,
      output_base: values.outputBase,
      error: s.error,
      state: s.state ?? null,
      started_at: s.startedAt.toISOString(),
      finished_at: s.finishedAt.toISOString(),
      resume_at: s.resumeAt?.toISOString() ?? null,
    };
  });
}

/**
 * The last checkpoint of many runs in one statement, with the same effects as {@link CHECKPOINT}
 * for an outcome that ends the run (succeeded, failed, declined): the steps, the run's end, a
 * dead letter for a failed run and the notification for waiting callers, each run under its own
 * lease check. Answers the runs whose lease held.
 */
const FINISH_BATCH = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as i(
    run_id uuid, held_by text, executions int, status text, error jsonb, failed_node_id text,
    response jsonb, reason text, started_at timestamptz, steps jsonb)
),
lease as (
  select r.id from runs r join input i on i.run_id = r.id
  where (i.executions is null and r.worker_id = i.held_by and r.status = 'running')
     or (i.executions is not null and r.executions = i.executions
         and r.status in ('queued', 'waiting', 'running'))
  for update of r
),
steps as (
  insert into run_steps (run_id, seq, node_id, node_type, attempt, status, port, input, output,
                         error, state, started_at, finished_at, resume_at, input_from, output_base)
  select i.run_id, x.seq, x.node_id, x.node_type, x.attempt, x.status, x.port, x.input, x.output,
         x.error, x.state, x.started_at, x.finished_at, x.resume_at, x.input_from, x.output_base
  from input i join lease l on l.id = i.run_id
  cross join lateral jsonb_to_recordset(i.steps) as x(seq int, node_id text, node_type text,
       attempt int, status text, port text, input jsonb, output jsonb, error jsonb, state jsonb,
       started_at timestamptz, finished_at timestamptz, resume_at timestamptz,
       input_from int, output_base text)
  returning 1
),
upd as (
  update runs r set
    status = i.status,
    executions = r.executions + case when i.executions is null then 0 else 1 end,
    unfinished_executions = 0,
    started_at = coalesce(r.started_at, i.started_at),
    error = i.error,
    failed_node_id = i.failed_node_id,
    response = coalesce(i.response, r.response),
    resume_at = null,
    finished_at = now(),
    worker_id = null,
    updated_at = now()
  from input i
  where r.id = i.run_id and r.id in (select id from lease)
  returning r.id, r.flow_id, i.status, i.error, i.failed_node_id, i.reason
),
dead as (
  insert into dead_letters (run_id, flow_id, node_id, error, reason)
  select id, flow_id, failed_node_id, error, reason from upd where status = 'failed'
  returning 1
),
note as (select pg_notify('${RUNS_CHANNEL}', id::text) as n from upd)
select coalesce((select array_agg(id::text) from upd), '{}') as held,
       (select count(*) from steps)::int as steps, (select count(*) from dead)::int as dead,
       (select count(*) from note)::int as notes`;

interface FinishItem {
  runId: string;
  row: Record<string, unknown>;
}

/**
 * Writes a worker's checkpoints: the last checkpoint of runs that end many runs per statement
 * (group commit: runs ending while a batch is written go together in the next); intermediate
 * checkpoints and runs going on waiting one at a time ({@link writeCheckpoint}).
 */
export class CheckpointWriter {
  /**
   * Batches written at once: a run ending with a large value (a 100k-item answer) makes its batch
   * slow to write, and the runs ending meanwhile go in another batch beside it, not behind it.
   */
  private static readonly GROUPS = { parallel: 4 };

  private readonly group: GroupCommit<FinishItem, boolean>;

  constructor(private readonly sql: Sql) {
    this.group = new GroupCommit(async (batch) => {
      const [row] = await this.sql.unsafe<{ held: string[] }[]>(
        FINISH_BATCH,
        [JSON.stringify(batch.map((p) => p.item.row))],
        { prepare: true },
      );
      const held = new Set(row?.held ?? []);
      for (const p of batch) p.resolve(held.has(p.item.runId));
    }, CheckpointWriter.GROUPS);
  }

  /** Whether an outcome ends the run. */
  static ends(outcome: RunOutcome | null): boolean {
    return (
      outcome?.status === 'succeeded' ||
      outcome?.status === 'failed' ||
      outcome?.status === 'declined'
    );
  }

  /**
   * Persists a checkpoint as {@link writeCheckpoint} does (same arguments); throws
   * LeaseLostError when the run has been taken over.
   */
  async write(
    runId: string,
    processId: string,
    steps: readonly StepRecord[],
    outcome: RunOutcome | null,
    unheldExecutions: number | null,
    startedAt: Date,
    encoder: StepValueEncoder,
  ): Promise<void> {
    if (outcome === null || !CheckpointWriter.ends(outcome)) {
      return writeCheckpoint(
        this.sql,
        runId,
        processId,
        steps,
        outcome,
        unheldExecutions,
        startedAt,
        encoder,
      );
    }
    const stopped = outcome.status === 'failed' || outcome.status === 'declined' ? outcome : null;
    const response = runResponse(steps, outcome);
    const held = await this.group.write({
      runId,
      row: {
        run_id: runId,
        held_by: unheldExecutions === null ? processId : null,
        executions: unheldExecutions,
        status: STATUS[outcome.status],
        error: stopped ? stopped.error : null,
        failed_node_id: stopped ? stopped.nodeId : null,
        response,
        reason:
          outcome.status === 'failed'
            ? `${outcome.error.errorClass} error at node ${outcome.nodeId}: ${outcome.error.message}`
            : null,
        started_at: startedAt.toISOString(),
        steps: stepRows(steps, encoder),
      },
    });
    if (!held) throw new LeaseLostError(runId);
  }
}

/**
 * Takes the run before an execution's first effect: only if no other execution has checkpointed
 * since it was loaded. The row is written without waiting for the WAL flush: visibility does not
 * depend on it, and a claim lost in a database crash just lets the run be taken again.
 */
export async function acquireRun(
  sql: Sql,
  runId: string,
  processId: string,
  loadedExecutions: number,
): Promise<void> {
  const rows = await sql.unsafe(
    `with no_flush as (select set_config('synchronous_commit', 'off', true))
     update runs set status = 'running', worker_id = $2::text, executions = executions + 1,
       started_at = coalesce(started_at, now()), updated_at = now()
     from no_flush
     where id = $1::uuid and executions = $3::int and status in ('queued', 'waiting', 'running')
     returning id`,
    [runId, processId, loadedExecutions],
    { prepare: true },
  );
  if (rows.length === 0) throw new LeaseLostError(runId);
}

/** Gives a run back when its execution stopped abnormally, so the job's retry can claim it. */
export async function releaseRun(sql: Sql, runId: string, processId: string): Promise<void> {
  await sql`update runs set status = 'queued', worker_id = null, updated_at = now()
            where id = ${runId} and worker_id = ${processId} and status = 'running'`;
}

/**
 * Marks the end of an execution that stopped without an outcome (handed back, shut down, taken
 * over): it did not crash its process, so it does not count towards quarantine.
 */
export async function endExecution(sql: Sql, runId: string): Promise<void> {
  await sql`update runs set unfinished_executions = greatest(unfinished_executions - 1, 0)
            where id = ${runId}`;
}

/**
 * Quarantines a run whose executions crashed their process too often: failed as `POISONED`
 * with a dead letter, callers waiting on it notified. Never re-run automatically; an operator
 * may retry it after fixing the flow.
 */
export async function quarantineRun(
  sql: Sql,
  runId: string,
  error: StepError,
  nodeId: string,
): Promise<boolean> {
  const rows = await sql.unsafe<{ id: string }[]>(
    `with upd as (
       update runs set status = 'failed', error = $2::jsonb, failed_node_id = $3::text,
         worker_id = null, finished_at = now(), updated_at = now()
       where id = $1::uuid and status in ('queued', 'waiting', 'running')
       returning id, flow_id
     ),
     dead as (
       insert into dead_letters (run_id, flow_id, node_id, error, reason)
       select id, flow_id, $3::text, $2::jsonb, $4::text from upd
       returning 1
     ),
     note as (select pg_notify('${RUNS_CHANNEL}', $1::uuid::text) from upd)
     select id::text as id from upd, (select count(*) from dead) d, (select count(*) from note) n`,
    [runId, JSON.stringify(error), nodeId, `${error.errorClass} error: ${error.message}`],
  );
  return rows.length > 0;
}
