import type { StepError } from '@paybridge/engine';
import type { Sql } from '../db/client';
import type { IngestWriter } from '../ingest/ingest-writer';
import { quoteError } from './messages';

/** The event source of error-flow runs; failures of such runs never start error flows. */
export const ERROR_FLOW_SOURCE = 'error-flow';

/**
 * Failed runs whose flow names an error flow, failed after it was set, not yet handed over (an
 * event of source `error-flow` keyed by the failed run's id), and not themselves error-flow runs
 * (so an error flow failing never starts another: no loops).
 */
const PENDING = `
select r.id::text as "runId", r.flow_id::text as "flowId", f.name as "flowName",
       f.error_flow_id::text as "errorFlowId", r.failed_node_id as "nodeId", r.error,
       r.started_at as "startedAt", r.finished_at as "finishedAt",
       (select count(*) from dead_letters d where d.run_id = r.id and d.resolved_at is null)::int > 0
         as "deadLettered",
       coalesce((select a.version_id from active_triggers a where a.flow_id = ef.id),
                (select v.id from flow_versions v where v.flow_id = ef.id
                 order by v.version desc limit 1))::text as "versionId"
from runs r
join flows f on f.id = r.flow_id
join flows ef on ef.id = f.error_flow_id and ef.deleted_at is null
join events e on e.id = r.event_id
where r.status = 'failed' and f.error_flow_id is not null
  and r.finished_at > f.error_flow_set_at
  and r.finished_at > now() - interval '1 day'
  and e.source <> '${ERROR_FLOW_SOURCE}'
  and not exists (select 1 from events x
                  where x.source = '${ERROR_FLOW_SOURCE}' and x.external_id = r.id::text)
order by r.finished_at
limit $1::int`;

interface PendingFailure {
  runId: string;
  flowId: string;
  flowName: string;
  errorFlowId: string;
  nodeId: string | null;
  error: StepError | null;
  startedAt: Date | string | null;
  finishedAt: Date | string;
  deadLettered: boolean;
  versionId: string | null;
}

/** What an error flow receives as its trigger data: the failed run's summary, nothing of its data. */
export function errorFlowEvent(f: PendingFailure, publicUrl: string | null) {
  return {
    kind: 'run.failed',
    flow: { id: f.flowId, name: f.flowName },
    run: {
      id: f.runId,
      status: f.deadLettered ? 'dead-lettered' : 'failed',
      nodeId: f.nodeId,
      error: f.error ? { code: f.error.code, message: quoteError(f.error.message) } : null,
      startedAt: f.startedAt === null ? null : new Date(f.startedAt).toISOString(),
      finishedAt: new Date(f.finishedAt).toISOString(),
      link: publicUrl ? `${publicUrl}/flows/${f.flowId}?run=${f.runId}` : null,
    },
  };
}

/**
 * Starts the error flow of each newly failed run, once per failed run: the run is written through
 * ingress under the failed run's id as the event's id, so a second process (or round) finding
 * the same failure creates nothing. Safe to run from every worker process at once.
 */
export async function startErrorFlows(
  sql: Sql,
  ingest: IngestWriter,
  publicUrl: string | null,
  batch = 50,
): Promise<number> {
  const pending = await sql.unsafe<PendingFailure[]>(PENDING, [batch]);
  let started = 0;
  for (const failure of pending) {
    if (!failure.versionId) continue;
    const result = await ingest.write({
      source: ERROR_FLOW_SOURCE,
      externalId: failure.runId,
      payload: errorFlowEvent(failure, publicUrl),
      runs: [{ flowId: failure.errorFlowId, versionId: failure.versionId }],
    });
    if (result.kind === 'created') started++;
  }
  return started;
}
