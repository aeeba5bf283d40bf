import type { Task } from 'graphile-worker';
import { connectionFacts } from '../connections/connection-facts';
import type { Db, Sql } from '../db/client';
import { findFlow, findVersion } from '../db/queries/flows';
import { graphsOfVersions, retryFailedRunIn } from '../db/queries/runs';
import { ApiError } from '../http/api-error';
import { cancelRun } from '../jobs/run-cancel';
import type { Logger } from '../logger';
import { replayRunIn, replayVersionOf } from './replay-run';
import { replayMode, type ReplayMode } from './replay-test-run';
import type { TestMode } from './test-run';

interface Item {
  run_id: string;
}

interface RunFacts {
  id: string;
  flow_id: string;
  event_id: string;
  status: string;
  payload_gone: boolean;
  test_mode: TestMode | null;
  stop_after: string | null;
}

type Verdict = { accepted: true; resultRunId: string } | { accepted: false; reason: string };

/**
 * The worker task behind a bulk operation: takes its pending items in order, a few at a time,
 * and handles each in one transaction with the item's own row (locked, so two executions of the
 * job never handle an item twice, and a crash leaves it pending for the job's retry). Each item
 * does what the single-run action does: retry a failed run, replay a run as a new linked run,
 * cancel an unfinished one; whatever cannot be done is recorded with the reason. A test run
 * replays as a test run (live PayTrace on the simulator, never confirmed live in bulk).
 */
export function createBulkTask(deps: { sql: Sql; db: Db; logger: Logger }): Task {
  return async (payload) => {
    const { operationId } = payload as { operationId: string };
    const [op] = await deps.sql<{ action: string; version: string | null }[]>`
      select action, version from run_bulk_operations where id = ${operationId}::uuid`;
    if (!op) return;
    const latest = new Map<string, string | null>();
    const latestVersion = async (flowId: string) => {
      if (!latest.has(flowId)) {
        const flow = await findFlow(deps.db, flowId);
        latest.set(
          flowId,
          flow ? ((await findVersion(deps.db, flowId, flow.flow.latestVersion))?.id ?? null) : null,
        );
      }
      return latest.get(flowId) ?? null;
    };
    const replayVersions = new Map<string, string | null>();
    const replayVersion = async (flowId: string) => {
      if (!replayVersions.has(flowId))
        replayVersions.set(flowId, await replayVersionOf(deps.db, flowId));
      return replayVersions.get(flowId) ?? null;
    };
    for (;;) {
      const handled = await deps.sql.begin(async (t) => {
        const tx = t as unknown as Sql;
        const [item] = await tx<Item[]>`
          select run_id::text as run_id from run_bulk_items
          where operation_id = ${operationId}::uuid and state = 'pending'
          order by seq limit 1 for update skip locked`;
        if (!item) return false;
        const verdict = await handle(tx, item.run_id);
        await tx`
          update run_bulk_items set state = ${verdict.accepted ? 'accepted' : 'rejected'},
            reason = ${verdict.accepted ? null : verdict.reason},
            result_run_id = ${verdict.accepted ? verdict.resultRunId : null},
            processed_at = now()
          where operation_id = ${operationId}::uuid and run_id = ${item.run_id}::uuid`;
        return true;
      });
      if (!handled) break;
    }
    await deps.sql`update run_bulk_operations set finished_at = coalesce(finished_at, now())
                   where id = ${operationId}::uuid
                     and not exists (select 1 from run_bulk_items
                                     where operation_id = ${operationId}::uuid and state = 'pending')`;

    async function handle(tx: Sql, runId: string): Promise<Verdict> {
      const [run] = await tx<RunFacts[]>`
        select r.id::text as id, r.flow_id::text as flow_id, r.event_id::text as event_id, r.status,
          (r.data_pruned_at is not null and e.pruned_at is not null) as payload_gone,
          r.test_mode, r.stop_after
        from runs r join events e on e.id = r.event_id where r.id = ${runId}::uuid`;
      if (!run) return { accepted: false, reason: `No run with id ${runId}` };
      if (op!.action === 'retry') {
        const versionId = op!.version === 'latest' ? await latestVersion(run.flow_id) : null;
        if (await retryFailedRunIn(tx, runId, versionId))
          return { accepted: true, resultRunId: runId };
        return { accepted: false, reason: `Run is ${run.status}; only failed runs can be retried` };
      }
      if (op!.action === 'cancel') {
        const result = await cancelRun(tx, runId);
        if (result.outcome === 'cancelled') return { accepted: true, resultRunId: runId };
        return {
          accepted: false,
          reason: `Run is ${run.status}; only queued, waiting or running runs can be cancelled`,
        };
      }
      if (run.payload_gone) {
        return { accepted: false, reason: 'Its trigger data was removed by the retention policy' };
      }
      const versionId = await replayVersion(run.flow_id);
      if (!versionId) return { accepted: false, reason: 'Its flow was deleted' };
      let mode: ReplayMode = {};
      if (run.test_mode !== null) {
        const graph = (await graphsOfVersions(deps.db, [versionId])).get(versionId);
        if (!graph) return { accepted: false, reason: 'Its flow was deleted' };
        try {
          mode = await replayMode({
            original: { id: run.id, testMode: run.test_mode, stopAfter: run.stop_after },
            graph,
            connections: connectionFacts(tx),
            // Where no simulator is served, the test run's PayTrace node fails rather than
            // calling the live service (see `simulatedConnections`).
            paytraceSimulator: true,
          });
        } catch (err) {
          if (err instanceof ApiError) return { accepted: false, reason: err.message };
          throw err;
        }
      }
      const replayed = await replayRunIn(tx, {
        original: { id: run.id, flowId: run.flow_id, eventId: run.event_id },
        versionId,
        mode,
      });
      deps.logger.info('bulk replay started a run', {
        operationId,
        runId,
        newRunId: replayed.runId,
      });
      return { accepted: true, resultRunId: replayed.runId };
    }
  };
}
