import type { z } from '@hono/zod-openapi';
import type { Sql } from '../db/client';
import { OPERATOR_STATUS_SQL, type OperatorStatus } from '../db/queries/run-list';
import type { BulkAction } from '../db/schema/index';
import type { BulkProgress } from '../http/run-schemas';

/** The graphile-worker task that works through a bulk operation's runs. */
export const BULK_TASK = 'runs.bulk';

/**
 * Records a bulk operation over `runIds` (one item each, in order) and queues its job, in one
 * transaction: accepted means it will be carried out, even across restarts.
 */
export async function createBulkOperation(
  sql: Sql,
  op: { action: BulkAction; version: 'same' | 'latest'; actor: string | null },
  runIds: readonly string[],
): Promise<string> {
  return sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    const [row] = await tx<{ id: string }[]>`
      insert into run_bulk_operations (action, version, total, actor)
      values (${op.action}, ${op.action === 'retry' ? op.version : null}, ${runIds.length}, ${op.actor})
      returning id::text as id`;
    const id = row!.id;
    await tx`
      insert into run_bulk_items (operation_id, run_id, seq)
      select ${id}::uuid, x.run_id, x.seq
      from unnest(${[...runIds]}::uuid[]) with ordinality as x(run_id, seq)
      on conflict do nothing`;
    await tx`update run_bulk_operations
             set total = (select count(*) from run_bulk_items where operation_id = ${id}::uuid)
             where id = ${id}::uuid`;
    await tx`select graphile_worker.add_job(${BULK_TASK}, json_build_object('operationId', ${id}::text),
               job_key => ${'bulk:' + id}, max_attempts => 10)`;
    return id;
  }) as Promise<string>;
}

const RUNNING: ReadonlySet<OperatorStatus> = new Set(['queued', 'running', 'waiting', 'retrying']);

/** Where a bulk operation stands: items handled, rejections with reasons, and its runs' outcomes. */
export async function bulkProgress(
  sql: Sql,
  operationId: string,
): Promise<z.infer<typeof BulkProgress> | null> {
  const [op] = await sql<
    { id: string; action: BulkAction; total: number; created_at: Date; finished_at: Date | null }[]
  >`select id::text as id, action, total, created_at, finished_at
    from run_bulk_operations where id = ${operationId}::uuid`;
  if (!op) return null;
  const items = await sql<
    { run_id: string; state: string; reason: string | null; op: OperatorStatus | null }[]
  >`
    select i.run_id::text as run_id, i.state, i.reason,
      (select ${sql.unsafe(OPERATOR_STATUS_SQL)} from runs r where r.id = i.result_run_id) as op
    from run_bulk_items i where i.operation_id = ${operationId}::uuid order by i.seq`;
  const outcome = { succeeded: 0, failed: 0, declined: 0, cancelled: 0, running: 0 };
  let accepted = 0;
  const rejections: { runId: string; reason: string }[] = [];
  for (const item of items) {
    if (item.state === 'rejected')
      rejections.push({ runId: item.run_id, reason: item.reason ?? '' });
    if (item.state !== 'accepted') continue;
    accepted++;
    const s = item.op;
    if (s === null) continue;
    if (RUNNING.has(s)) outcome.running++;
    else if (s === 'succeeded') outcome.succeeded++;
    else if (s === 'declined') outcome.declined++;
    else if (s === 'cancelled') outcome.cancelled++;
    else outcome.failed++;
  }
  const processed = accepted + rejections.length;
  return {
    operationId: op.id,
    action: op.action,
    total: op.total,
    processed,
    accepted,
    rejected: rejections.length,
    rejections,
    outcome,
    done: processed === op.total && outcome.running === 0,
    createdAt: new Date(op.created_at).toISOString(),
    finishedAt: op.finished_at ? new Date(op.finished_at).toISOString() : null,
  };
}
