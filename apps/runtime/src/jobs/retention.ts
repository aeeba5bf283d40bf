import type { Sql } from '../db/client';
import type { Logger } from '../logger';
import { startPeriodicTask, type PeriodicTask } from './periodic-task';

/** Advisory lock key held by the pruning worker for the length of one batch ("pbretn"). */
const RETENTION_LOCK = 0x7062726e;

/**
 * One batch: the oldest runs that finished well (succeeded or cancelled) before the cutoff and
 * still hold data (by `runs_prunable_idx`), their steps' input, output and state, their
 * response, and the payload of each of their events that no other run still needs (every run
 * of the event is pruned, or in this batch). Failed and declined runs keep everything, and so
 * do their events; effect records, the ledger, idempotency records and dead letters are other
 * tables, never touched. Rows stay, marked, so lists, counts and dedupe keep working.
 */
const PRUNE_BATCH = `
with batch as (
  select id, event_id from runs
  where data_pruned_at is null and status in ('succeeded', 'cancelled')
    and finished_at < now() - make_interval(days => $1::int)
  order by finished_at
  limit $2::int
  for update skip locked
),
steps as (
  update run_steps s set input = null, output = null, state = null, input_from = null,
    output_base = null
  from batch where s.run_id = batch.id
    and (s.input is not null or s.output is not null or s.state is not null
         or s.input_from is not null or s.output_base is not null)
  returning 1
),
marked as (
  update runs r set data_pruned_at = now(), response = null
  from batch where r.id = batch.id
  returning r.id, r.event_id
),
ev as (
  update events e set payload = 'null'::json, pruned_at = now()
  where e.id in (select event_id from marked) and e.pruned_at is null
    and not exists (
      select 1 from runs o
      where o.event_id = e.id and o.data_pruned_at is null
        and o.id not in (select id from marked))
  returning 1
)
select (select count(*) from marked)::int as runs, (select count(*) from steps)::int as steps,
       (select count(*) from ev)::int as events`;

/** Buckets of ingress rate limits not used for a day: triggers since removed. */
const DROP_IDLE_BUCKETS = `
delete from ingress_rate_buckets where updated_at < now() - interval '1 day'`;

export interface PruneResult {
  runs: number;
  steps: number;
  events: number;
}

/**
 * Drops the data of runs that finished well longer than `PAYBRIDGE_RETENTION_DAYS` ago, in small
 * batches, so run data does not grow forever. Periodic in every worker process, one process at
 * a time (an advisory lock per batch, as the sweeper does), each batch its own short
 * transaction so it never holds many rows or blocks ingest for long.
 */
export class RetentionJob {
  private loop: PeriodicTask | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly opts: {
      /** Days to keep; 0 keeps everything (the job does nothing). */
      days: number;
      everyMs: number;
      batch?: number;
      /** Batches per tick at most, so one tick stays short however much is due. */
      maxBatches?: number;
    },
  ) {}

  start(): void {
    if (this.opts.days <= 0) return;
    this.loop = startPeriodicTask(
      this.opts.everyMs,
      () => this.prune(),
      this.logger,
      'retention pruning failed',
    );
  }

  /** Prunes batches until nothing is due (or the per-tick cap); null when another process holds it. */
  async prune(): Promise<PruneResult | null> {
    if (this.opts.days <= 0) return { runs: 0, steps: 0, events: 0 };
    const total: PruneResult = { runs: 0, steps: 0, events: 0 };
    const batch = this.opts.batch ?? 200;
    for (let i = 0; i < (this.opts.maxBatches ?? 50); i++) {
      const done = await this.sql.begin(async (tx) => {
        const [lock] = await tx<
          { got: boolean }[]
        >`select pg_try_advisory_xact_lock(${RETENTION_LOCK}) as got`;
        if (!lock?.got) return null;
        const [row] = await tx.unsafe<PruneResult[]>(PRUNE_BATCH, [this.opts.days, batch]);
        if (i === 0) await tx.unsafe(DROP_IDLE_BUCKETS);
        return row ?? { runs: 0, steps: 0, events: 0 };
      });
      if (!done) return i === 0 ? null : total;
      total.runs += done.runs;
      total.steps += done.steps;
      total.events += done.events;
      if (done.runs < batch) break;
    }
    if (total.runs > 0) {
      this.logger.info('retention pruned the data of old runs', {
        days: this.opts.days,
        ...total,
      });
    }
    return total;
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }
}
