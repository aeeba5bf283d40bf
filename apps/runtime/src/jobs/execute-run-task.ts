import { z } from 'zod';
import type { Task } from 'graphile-worker';
import {
  classifyError,
  executeRun,
  isDatabaseUnavailable,
  PermanentError,
  type ExecuteRunOptions,
  type ExecutorLookup,
  type ExpressionEvaluator,
  type ExpressionLimits,
} from '@paybridge/engine';
import { connectionResolverForEngine } from '../connections/engine-resolver';
import type { ConnectionResolver } from '../connections/resolver';
import { retryWhileDatabaseUnavailable, type Sql } from '../db/client';
import { createEffectStore } from '../db/queries/effect-records';
import {
  acquireRun,
  endExecution,
  LeaseLostError,
  loadRun,
  quarantineRun,
  releaseRun,
  writeCheckpoint,
} from '../db/queries/run-execution';
import type { Logger } from '../logger';
import { processMetrics, type RuntimeMetrics } from '../observability/metrics';
import { beginExecution } from '../observability/run-telemetry';
import { RunCancelledError, type CancelWatcher } from './run-cancel';
import { RUN_TASK } from '../db/queue-schema';
import { simulatedConnections, testEffectNamespace } from '../runs/test-run';
import { StepValueEncoder } from '../runs/step-values';
import { flowFlag, type FlowSlots } from './flow-slots';
import type { VersionCache } from './version-cache';

/** `flowId` is absent on jobs queued by older versions: such a job is not held to a share. */
const Payload = z.object({ runId: z.string().uuid(), flowId: z.string().uuid().optional() });

export interface ExecuteRunDeps {
  sql: Sql;
  processId: string;
  deadAfterS: number;
  versions: VersionCache;
  lookupExecutor: ExecutorLookup;
  env: Readonly<Record<string, string>>;
  limits: Partial<ExpressionLimits>;
  /** Where a flow's runs evaluate their JSONata: isolated threads, shared fairly between flows. */
  evaluatorFor?: (flowId: string) => ExpressionEvaluator;
  /**
   * Executions of one run that may crash their process in a row before the run is quarantined
   * as failed (`POISONED`) instead of being executed again. Default 3.
   */
  maxCrashes?: number;
  /** Stop signals for runs an operator cancels while they execute here. */
  cancels?: CancelWatcher;
  connections: ConnectionResolver;
  logger: Logger;
  /** Aborted when the process is forced to stop; in-flight steps see it as ctx.signal. */
  shutdown: AbortSignal;
  /** How long a run waits for the database to come back before its job fails; default 2 min. */
  outageWaitMs?: number;
  /** The job slots each flow holds in this process, for the queue to skip full flows' jobs. */
  flowSlots?: FlowSlots;
  /** Where runs and retries are counted; default: the process's metrics. */
  metrics?: RuntimeMetrics;
}

/** Executions of one job that a database outage may interrupt before the job fails. */
const OUTAGE_ROUNDS = 5;

/**
 * The `run.execute` task: load the run, resume it from its checkpoints, and let the engine walk
 * it, taking the run before its first effect. Runs already executing in this process are skipped (their own execution schedules what
 * comes next), as are finished runs, so duplicate jobs are harmless.
 */
export function createExecuteRunTask(deps: ExecuteRunDeps): Task {
  const active = new Set<string>();
  const resolveConnection = connectionResolverForEngine(deps.connections);
  const resolveSimulated = connectionResolverForEngine(simulatedConnections(deps.connections));
  return async (raw, helpers) => {
    const parsed = Payload.safeParse(raw);
    if (!parsed.success) {
      deps.logger.error('run.execute job with an invalid payload was dropped', { payload: raw });
      return;
    }
    const { runId, flowId } = parsed.data;
    if (active.has(runId)) return;
    const slots = flowId === undefined ? undefined : deps.flowSlots;
    if (slots && !slots.take(flowId!)) {
      // Fetched past the flow's share in a race: hand the job back untouched (no attempt is
      // counted). The queue skips the flow's jobs until one of its slots frees.
      await helpers.addJob(RUN_TASK, raw, {
        jobKey: `run:${runId}`,
        jobKeyMode: 'replace',
        flags: [flowFlag(flowId!)],
      });
      return;
    }
    active.add(runId);
    try {
      // A database outage mid-run (a Postgres restart) is not the run's fault: wait for the
      // database, give the run back, and execute it again from its checkpoints in this same
      // job, so the job is neither failed into the queue's backoff nor lost.
      for (let round = 1; ; round++) {
        try {
          await executeOnce(runId);
          return;
        } catch (err) {
          if (!isDatabaseUnavailable(err) || round >= OUTAGE_ROUNDS || deps.shutdown.aborted) {
            throw err;
          }
          deps.logger.warn('database unavailable during a run; resuming it once it is back', {
            runId,
            err,
          });
        }
      }
    } finally {
      active.delete(runId);
      slots?.release(flowId!);
    }
  };

  async function executeOnce(runId: string): Promise<void> {
    const outage = { maxWaitMs: deps.outageWaitMs ?? 120_000, logger: deps.logger, what: 'run' };
    const run = await retryWhileDatabaseUnavailable(
      () => loadRun(deps.sql, runId, deps.processId, deps.deadAfterS),
      outage,
    );
    if (!run) return;
    const maxCrashes = deps.maxCrashes ?? 3;
    if (run.unfinishedExecutions >= maxCrashes) {
      // Every earlier execution died with its process (out of memory, a native crash): running
      // it again would take this process down too, and the next, forever.
      const error = classifyError(
        new PermanentError(
          'POISONED',
          `The run was stopped for good: its last ${run.unfinishedExecutions} executions crashed the worker process. Fix the flow or its input, then retry the run`,
          { details: { crashedExecutions: run.unfinishedExecutions } },
        ),
      );
      const lastNode = run.steps.at(-1)?.nodeId ?? '';
      await retryWhileDatabaseUnavailable(
        () => quarantineRun(deps.sql, runId, error, lastNode),
        outage,
      );
      deps.logger.error('run quarantined: its executions keep crashing the worker', {
        runId,
        crashes: run.unfinishedExecutions,
      });
      return;
    }
    const stop = deps.cancels?.track(runId);
    const startedAt = new Date();
    const telemetry = beginExecution(deps.metrics ?? processMetrics(), deps.sql, run);
    const traceId = telemetry.traceId;
    // Every line about this run carries its ids, so a log search finds all of them.
    const runLog = deps.logger.child(
      traceId ? { runId, flowId: run.flowId, traceId } : { runId, flowId: run.flowId },
    );
    // Until this execution holds the run, each checkpoint is a compare-and-set on the count of
    // executions it loaded; the first one that succeeds, or an acquire, makes it the holder.
    let held = false;
    const encoder = new StepValueEncoder(run.payload, run.steps);
    try {
      const graph = await retryWhileDatabaseUnavailable(
        () => deps.versions.get(run.flowVersionId),
        outage,
      );
      const options: ExecuteRunOptions = {
        runId,
        flowId: run.flowId,
        graph,
        trigger: run.payload,
        priorSteps: run.steps,
        ...(run.stopAfter === null ? {} : { stopAfter: run.stopAfter }),
        lookupExecutor: deps.lookupExecutor,
        env: deps.env,
        limits: deps.limits,
        ...(deps.evaluatorFor ? { evaluator: deps.evaluatorFor(run.flowId) } : {}),
        ...(stop ? { stopBeforeNextStep: stop.signal } : {}),
        resolveConnection: run.testMode === 'simulator' ? resolveSimulated : resolveConnection,
        effects: createEffectStore(deps.sql, {
          flowId: run.flowId,
          eventId: run.eventId,
          runId,
          namespace: testEffectNamespace(runId, run.testMode),
        }),
        signal: deps.shutdown,
        logger: runLog,
        store: {
          acquire: async () => {
            if (held) return;
            await acquireRun(deps.sql, runId, deps.processId, run.executions);
            held = true;
          },
          checkpoint: async (steps, out) => {
            telemetry.checkpointed(steps);
            await writeCheckpoint(
              deps.sql,
              runId,
              deps.processId,
              steps,
              out,
              held ? null : run.executions,
              startedAt,
              encoder,
            );
            // An intermediate checkpoint that succeeded made this execution the holder.
            if (out === null) held = true;
          },
        },
      };
      const outcome = await telemetry.within(() => executeRun(options));
      telemetry.end(outcome);
      if (outcome.status === 'failed') {
        runLog.warn('run failed', { nodeId: outcome.nodeId, code: outcome.error.code });
      }
    } catch (err) {
      // It did not crash the process: this execution does not count towards quarantine.
      await retryWhileDatabaseUnavailable(() => endExecution(deps.sql, runId), outage).catch(
        (endErr: unknown) =>
          deps.logger.warn('could not record the end of an execution', { runId, err: endErr }),
      );
      const cancelled =
        err instanceof RunCancelledError || (err instanceof LeaseLostError && stop?.signal.aborted);
      telemetry.end(cancelled ? 'cancelled' : { error: err });
      if (cancelled) {
        deps.logger.info('run cancelled; its execution stopped', { runId });
        return;
      }
      if (err instanceof LeaseLostError) {
        deps.logger.warn('run was taken over by another worker; stopping here', { runId });
        return;
      }
      // Infrastructure failure (database, crash in our code): hand the run back and let the
      // queue retry the job with its own backoff; the engine resumes from the checkpoints. The
      // hand-back waits out a database outage: a run left `running` under this live process
      // could not be taken by the job's retry on another worker.
      if (held) {
        await retryWhileDatabaseUnavailable(
          () => releaseRun(deps.sql, runId, deps.processId),
          outage,
        ).catch((releaseErr: unknown) =>
          deps.logger.warn('could not hand the run back; the sweeper will', {
            runId,
            err: releaseErr,
          }),
        );
      }
      throw err;
    } finally {
      stop?.release();
    }
  }
}
