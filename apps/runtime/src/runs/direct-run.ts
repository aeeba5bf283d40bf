import type { FlowGraph } from '@paybridge/engine';
import { lookupDefinition } from '@paybridge/nodes/definitions';
import type { Sql } from '../db/client';
import type { RunResult } from '../ingest/run-waiter';

/**
 * A run handed straight to this process's worker instead of through the queue: a synchronous
 * trigger's run whose flow has no external effects. Its event and run are committed first (the
 * run without a job); the worker executes it at once from what the API already holds, and the
 * answer comes back with the result instead of through a notification and a read of the run.
 */
export interface DirectRun {
  runId: string;
  flowId: string;
  flowVersionId: string;
  eventId: string;
  payload: unknown;
}

/** Where the API hands direct runs: the worker thread, or the worker running inline. */
export interface DirectRunner {
  /** Whether a worker takes direct runs now (false while the worker thread restarts). */
  ready(): boolean;
  /**
   * Executes the run and answers as soon as a checkpoint with its answer (`respond`) or its
   * outcome is committed; the run goes on after an early answer. An answer without a response
   * and not final (`waiting` on a retry delay, or `queued` when the execution failed and the run
   * was handed to the queue) means: wait for the run as for a queued one. Null when it was not
   * executed here (the worker is busy, restarting, or its thread died): the caller then queues
   * it with {@link enqueueRun}.
   */
  execute(run: DirectRun): Promise<RunResult | null>;
}

/**
 * Whether a flow's runs may be executed directly: none of its nodes touches the outside world
 * (answering the caller, which `respond` declares as its effect so that the answer is committed
 * and sent before the rest of the run, is the direct path's own business). A flow with effects
 * keeps the queue's path (a crashed execution's job is retried as soon as the process is
 * declared dead); a direct run that dies is requeued by the sweeper after its grace period, and
 * executing an effect-free run again changes nothing outside.
 */
export function isEffectFree(graph: FlowGraph): boolean {
  return graph.nodes.every((n) => {
    const definition = lookupDefinition(n.type, n.typeVersion);
    return definition !== undefined && (!definition.effects || definition.answersCaller === true);
  });
}

/** Statuses after which a run does nothing more on its own. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set([
  'succeeded',
  'failed',
  'declined',
  'cancelled',
]);

/**
 * Gives a run that was written without a job (a direct run that could not be executed here) its
 * job, keyed by the run so the sweeper or a second call adds no other.
 */
export async function enqueueRun(sql: Sql, runId: string, flowId: string): Promise<void> {
  await sql`
    select graphile_worker.add_job('run.execute',
             json_build_object('runId', ${runId}::text, 'flowId', ${flowId}::text),
             job_key => 'run:' || ${runId}::text, job_key_mode => 'replace',
             flags => array['flow:' || ${flowId}::text])`;
}

/**
 * A direct runner that is bound later: the API is built before the worker starts. Until bound
 * (and when the process runs no worker), nothing is ready and runs go through the queue.
 */
export class LateDirectRunner implements DirectRunner {
  private target: DirectRunner | null = null;

  bind(target: DirectRunner | null): void {
    this.target = target;
  }

  ready(): boolean {
    return this.target?.ready() ?? false;
  }

  execute(run: DirectRun): Promise<RunResult | null> {
    return this.target ? this.target.execute(run) : Promise.resolve(null);
  }
}
