import { Gauge } from 'prom-client';
import type { Sql } from '../db/client';
import { RUN_TASK } from '../db/queue-schema';
import type { RuntimeMetrics } from './metrics';

interface Snapshot {
  queue_depth: number;
  oldest_job_age_s: number;
  dead_letters_open: number;
  workers_alive: number;
  heartbeat_age_s: number;
  reconciliation_lag_s: number;
}

/**
 * One statement over small tables or indexed predicates: queued run jobs (graphile-worker's table
 * holds only unfinished jobs), open dead letters, worker heartbeats and Shopify sync states.
 */
const SNAPSHOT = `
select
  (select count(*) from graphile_worker._private_jobs j
     where j.task_id = (select id from graphile_worker._private_tasks where identifier = $1)
       and j.attempts < j.max_attempts)::int as queue_depth,
  coalesce((select extract(epoch from now() - min(j.run_at)) from graphile_worker._private_jobs j
     where j.task_id = (select id from graphile_worker._private_tasks where identifier = $1)
       and j.locked_at is null and j.run_at <= now() and j.attempts < j.max_attempts), 0)::float8
     as oldest_job_age_s,
  (select count(*) from dead_letters where resolved_at is null)::int as dead_letters_open,
  (select count(*) from worker_heartbeats
     where last_seen_at > now() - make_interval(secs => $2::int))::int as workers_alive,
  coalesce((select extract(epoch from now() - max(last_seen_at)) from worker_heartbeats), 0)::float8
     as heartbeat_age_s,
  coalesce((select max(extract(epoch from now() - coalesce(last_success_at, created_at)))
     from shopify_sync_state), 0)::float8 as reconciliation_lag_s`;

/**
 * Gauges read from Postgres when scraped, identical from every process (they describe the shared
 * queue and tables, not this process). One query serves all of them; scrapes arriving while it
 * runs (or within `cacheMs`, default 0) share its answer, so the gauges cost one query a scrape.
 */
export function registerDatabaseGauges(
  metrics: RuntimeMetrics,
  sql: Sql,
  opts: { deadAfterS: number; cacheMs?: number },
): void {
  let last: { at: number; value: Promise<Snapshot | null>; done: boolean } | null = null;
  const snapshot = (): Promise<Snapshot | null> => {
    const now = Date.now();
    if (last && (!last.done || now - last.at < (opts.cacheMs ?? 0))) return last.value;
    const entry: { at: number; value: Promise<Snapshot | null>; done: boolean } = {
      at: now,
      done: false,
      value: sql
        .unsafe<Snapshot[]>(SNAPSHOT, [RUN_TASK, opts.deadAfterS])
        .then((rows) => rows[0] ?? null)
        // A scrape during a database outage answers without these gauges rather than failing.
        .catch(() => null)
        .finally(() => {
          entry.done = true;
        }),
    };
    last = entry;
    return entry.value;
  };
  const gauge = (name: string, help: string, read: (s: Snapshot) => number) =>
    new Gauge({
      name,
      help,
      registers: [],
      async collect() {
        const s = await snapshot();
        if (s) this.set(read(s));
      },
    });
  for (const g of [
    gauge(
      'paybridge_queue_depth',
      'Run jobs waiting or executing in the queue',
      (s) => s.queue_depth,
    ),
    gauge(
      'paybridge_queue_oldest_job_age_seconds',
      'How long the oldest run job that is due has waited for a worker (0: none waiting)',
      (s) => s.oldest_job_age_s,
    ),
    gauge(
      'paybridge_dead_letters_open',
      'Dead letters not yet resolved',
      (s) => s.dead_letters_open,
    ),
    gauge(
      'paybridge_workers_alive',
      'Runtime processes whose heartbeat is recent (PAYBRIDGE_WORKER_DEAD_AFTER_S)',
      (s) => s.workers_alive,
    ),
    gauge(
      'paybridge_worker_heartbeat_age_seconds',
      'Seconds since the most recent worker heartbeat',
      (s) => s.heartbeat_age_s,
    ),
    gauge(
      'paybridge_shopify_reconciliation_lag_seconds',
      'Seconds since the Shopify store furthest behind last reconciled successfully (0: no store)',
      (s) => s.reconciliation_lag_s,
    ),
  ]) {
    metrics.register(g);
  }
}
