import type { Sql } from '../db/client';
import { RUNS_CHANNEL } from '../db/queries/run-execution';

/** Channel on which a cancelled run is announced to the worker processes executing it. */
export const CANCEL_CHANNEL = 'paybridge_run_cancel';

/** The reason an execution stops when an operator cancelled its run. */
export class RunCancelledError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} was cancelled`);
    this.name = 'RunCancelledError';
  }
}

export type CancelResult =
  | { outcome: 'cancelled'; previous: 'queued' | 'waiting' | 'running' }
  | { outcome: 'finished'; status: string }
  | { outcome: 'not-found' };

const CANCEL = `
with target as (select id, status from runs where id = $1::uuid for update),
upd as (
  update runs set status = 'cancelled', worker_id = null, resume_at = null,
    finished_at = now(), updated_at = now()
  where id in (select id from target) and status in ('queued', 'waiting', 'running')
  returning id
),
jobs as (
  delete from graphile_worker._private_jobs j
  where j.payload->>'runId' = $1::text and j.locked_at is null and exists (select 1 from upd)
  returning 1
),
note as (
  select pg_notify('${CANCEL_CHANNEL}', $1::text), pg_notify('${RUNS_CHANNEL}', $1::text)
  from upd
)
select (select status from target) as previous, (select count(*) from upd)::int as cancelled,
  (select count(*) from jobs)::int as jobs, (select count(*) from note)::int as notes`;

/**
 * Cancels a run that has not finished: `cancelled` at once, its pending jobs removed (a job
 * already taken finds the run cancelled and does nothing), and the process executing it told
 * to stop before its next step. A step in flight completes (an effect is never cut in half);
 * its checkpoint is refused, as the run is no longer active.
 */
export async function cancelRun(sql: Sql, runId: string): Promise<CancelResult> {
  const [row] = await sql.unsafe<{ previous: string | null; cancelled: number }[]>(CANCEL, [runId]);
  if (!row || row.previous === null) return { outcome: 'not-found' };
  if (row.cancelled === 0) return { outcome: 'finished', status: row.previous };
  return { outcome: 'cancelled', previous: row.previous as 'queued' | 'waiting' | 'running' };
}

/** Per-run stop signals of the executions in this process, aborted by cancel notifications. */
export class CancelWatcher {
  private readonly running = new Map<string, AbortController>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly sql: Sql) {}

  async listen(): Promise<void> {
    const sub = await this.sql.listen(CANCEL_CHANNEL, (runId) => {
      this.running.get(runId)?.abort(new RunCancelledError(runId));
    });
    this.unlisten = () => sub.unlisten();
  }

  /** The stop signal of one execution of `runId`; `release` when the execution ends. */
  track(runId: string): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    this.running.set(runId, controller);
    return {
      signal: controller.signal,
      release: () => {
        if (this.running.get(runId) === controller) this.running.delete(runId);
      },
    };
  }

  async close(): Promise<void> {
    await this.unlisten?.().catch(() => undefined);
  }
}
