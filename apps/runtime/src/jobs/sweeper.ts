import type { Sql } from '../db/client';
import type { Logger } from '../logger';
import { startPeriodicTask, type PeriodicTask } from './periodic-task';

/** Advisory lock key held by the sweeping worker for the length of one sweep ("pbsweep"). */
const SWEEP_LOCK = 0x70627377;

/**
 * Job ids of queue workers that belong to no live process are orphans: their process died (and
 * its reaper tick could not unlock them, e.g. during a database outage), or a worker pool of a
 * live process was replaced after a fatal queue error. Unlocking them lets them run again.
 */
const UNLOCK_ORPHANS = `
with live as (
  select unnest(queue_worker_ids) as wid from worker_heartbeats
  where last_seen_at > now() - make_interval(secs => $1::int)
)
update graphile_worker._private_jobs j set locked_at = null, locked_by = null
where j.locked_at is not null and j.locked_at < now() - make_interval(secs => $2::int)
  and not exists (select 1 from live where live.wid = j.locked_by)
returning j.id`;

/**
 * Runs that should be moving but have no job that will ever move them: `queued`, `running` or
 * `waiting` for longer than the grace period, with no pending job (unlocked, attempts left) and
 * no job held by a live worker. A run executing somewhere always has its job locked by a live
 * worker, so none is taken from under its worker.
 */
const FIND_STUCK = `
with live as (
  select unnest(queue_worker_ids) as wid from worker_heartbeats
  where last_seen_at > now() - make_interval(secs => $1::int)
)
select r.id::text as id from runs r
where r.status in ('queued', 'running', 'waiting')
  and r.updated_at < now() - make_interval(secs => $2::int)
  and (r.status <> 'waiting' or r.resume_at is null
       or r.resume_at < now() - make_interval(secs => $2::int))
  and not exists (
    select 1 from graphile_worker._private_jobs j
    where j.payload->>'runId' = r.id::text and j.attempts < j.max_attempts
      and (j.locked_at is null or j.locked_by in (select wid from live)))
order by r.updated_at
limit $3::int
for update of r skip locked`;

/**
 * Each stuck run is handed back (`queued`, no owner; a waiting run stays waiting) and gets one
 * job, keyed by the run so that nothing can add a second; its jobs that used up their attempts
 * go first.
 */
const REQUEUE = `
with spent as (
  delete from graphile_worker._private_jobs j
  where j.payload->>'runId' = any($1::text[]) and j.locked_at is null
  returning 1
)
update runs set status = case when status = 'waiting' then status else 'queued' end,
  worker_id = null, updated_at = now()
where id = any($2::uuid[])
returning id::text as id, (select count(*) from spent)::int as spent`;

const ADD_JOBS = `
select graphile_worker.add_job('run.execute',
         json_build_object('runId', r.id::text, 'flowId', r.flow_id::text),
         job_key => 'run:' || r.id::text, job_key_mode => 'replace',
         flags => array['flow:' || r.flow_id::text])
from runs r where r.id = any($1::uuid[])`;

export interface SweepResult {
  unlockedJobs: number;
  requeued: string[];
}

/**
 * Finds work that nothing will move any more and queues it again: the safety net under the
 * queue for what a crash or a database restart can leave behind (a run `running` under a worker
 * that lost its job, a job locked by a dead process). Cheap (the active runs by status index,
 * pending jobs only), periodic in every worker process, and done by one process at a time
 * (an advisory lock), so two sweepers never queue one run twice.
 */
export class Sweeper {
  private loop: PeriodicTask | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly opts: {
      /** A heartbeat older than this means its process is dead (the reaper's setting). */
      deadAfterS: number;
      /** How long a run may sit without a job before it is requeued. */
      graceS: number;
      everyMs: number;
      batch?: number;
    },
  ) {}

  start(): void {
    this.loop = startPeriodicTask(
      this.opts.everyMs,
      () => this.sweep(),
      this.logger,
      'sweep failed',
    );
  }

  /** One sweep; does nothing (and returns null) while another process is sweeping. */
  async sweep(): Promise<SweepResult | null> {
    const result = await this.sql.begin(async (tx) => {
      const [lock] = await tx<
        { got: boolean }[]
      >`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as got`;
      if (!lock?.got) return null;
      const unlocked = await tx.unsafe(UNLOCK_ORPHANS, [this.opts.deadAfterS, this.opts.graceS]);
      const stuck = await tx.unsafe<{ id: string }[]>(FIND_STUCK, [
        this.opts.deadAfterS,
        this.opts.graceS,
        this.opts.batch ?? 100,
      ]);
      const ids = stuck.map((r) => r.id);
      if (ids.length > 0) {
        await tx.unsafe(REQUEUE, [ids, ids]);
        await tx`select set_config('plan_cache_mode', 'force_custom_plan', true)`;
        await tx.unsafe(ADD_JOBS, [ids]);
      }
      return { unlockedJobs: unlocked.length, requeued: ids };
    });
    if (result && (result.unlockedJobs > 0 || result.requeued.length > 0)) {
      this.logger.warn('sweeper requeued work nothing was moving', {
        unlockedJobs: result.unlockedJobs,
        requeuedRuns: result.requeued.length,
        runs: result.requeued.slice(0, 10).join(','),
      });
    }
    return result;
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }
}
