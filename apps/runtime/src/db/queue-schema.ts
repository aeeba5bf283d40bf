import type { Sql } from './client';

/** The task the runtime enqueues; its row must exist before ingress inserts jobs for it. */
export const RUN_TASK = 'run.execute';

/** Columns of graphile-worker's job table (0.17.x) that ingress writes directly. */
const JOB_COLUMNS = [
  'task_id',
  'payload',
  'run_at',
  'max_attempts',
  'priority',
  'flags',
  'is_available',
];

/**
 * Ingress writes jobs with a plain INSERT for speed, which ties it to graphile-worker's table
 * layout. This check runs after graphile-worker's migrations: if an upgrade ever changes that
 * layout, the runtime refuses to start with a clear message instead of losing jobs.
 */
export async function prepareQueueSchema(sql: Sql): Promise<void> {
  const rows = await sql<{ column_name: string }[]>`
    select column_name from information_schema.columns
    where table_schema = 'graphile_worker' and table_name = '_private_jobs'`;
  const present = new Set(rows.map((r) => r.column_name));
  const missing = JOB_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new Error(
      `graphile-worker's job table lacks ${missing.join(', ')}: this runtime supports graphile-worker 0.17.x only`,
    );
  }
  await sql`insert into graphile_worker._private_tasks (identifier) values (${RUN_TASK})
            on conflict do nothing`;
}
