import { z } from 'zod';
import type { Task } from 'graphile-worker';
import {
  boundedInProcess,
  classifyError,
  executeRun,
  isDatabaseUnavailable,
  PermanentError,
  type ExecuteRunOptions,
  type ExecutorLookup,
  type ExpressionEvaluator,
  type ExpressionLimits,
  type RunResponse,
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
  CheckpointWriter,
  runResponse,
  storedStatus,
  type LoadedRun,
} from '../db/queries/run-execution';
import type { RunResult } from '../ingest/run-waiter';
import { enqueueRun, type DirectRun } from '../runs/direct-run';
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
   * Evaluate plainly linear expressions (`isBoundedExpression`: paths, constructors, operators,
   * linear built-ins) in this thread instead of handing each to an isolated thread. Only where
   * this thread answers no API: a long linear mapping then delays other runs, never a request.
   */
  linearInProcess?: boolean;
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

/** The `run.execute` task, and the entry for runs handed over without the queue. */
export interface RunExecutor {
  task: Task;
  /**
   * Executes a freshly written run that has no job (see {@link DirectRun}) from what the caller
   * holds, without loading it; answers its result once committed, or null when it did not
   * execute it (too many direct runs in flight, or an error after which the run was handed back):
   * the caller then queues it.
   */
  direct(run: DirectRun): Promise<RunResult | null>;
}

/** Direct runs one process executes at once before it sends further ones through the queue. */
const MAX_DIRECT_RUNS = 64;

/**
 * The `run.execute` task and direct hand-overs, sharing one set of executions: load the run (or
 * take it as handed over), resume it from its checkpoints, and let the engine walk it, taking the
 * run before its first effect. Runs already executing in this process are skipped (their own
 * execution schedules what comes next), as are finished runs, so duplicate jobs are harmless.
 */
export function createRunExecutor(deps: ExecuteRunDeps): RunExecutor {
  const active = new Set<string>();
  let directInFlight = 0;
  const checkpoints = new CheckpointWriter(deps.sql);
  const resolveConnection = connectionResolverForEngine(deps.connections);
  const resolveSimulated = connectionResolverForEngine(simulatedConnections(deps.connections));
  const task: Task = async (raw, helpers) => {
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

  const direct = (given: DirectRun): Promise<RunResult | null> => {
    if (active.has(given.runId) || directInFlight >= MAX_DIRECT_RUNS) return Promise.resolve(null);
    active.add(given.runId);
    directInFlight++;
    let answer!: (r: RunResult | null) => void;
    const answered = new Promise<RunResult | null>((r) => (answer = r));
    const loaded: LoadedRun = {
      id: given.runId,
      flowId: given.flowId,
      flowVersionId: given.flowVersionId,
      eventId: given.eventId,
      payload: given.payload,
      stopAfter: null,
      testMode: null,
      traceParent: null,
      steps: [],
      executions: 0,
      unfinishedExecutions: 0,
    };
    void executeOnce(given.runId, loaded, answer)
      .then(answer, async (err: unknown) => {
        // The run was handed back (see executeOnce); it has no job yet, so it gets one here and
        // the caller waits for it as for a queued run.
        deps.logger.warn('a direct run failed here; it goes on through the queue', {
          runId: given.runId,
          err,
        });
        await enqueueRun(deps.sql, given.runId, given.flowId).catch((queueErr: unknown) =>
          deps.logger.warn('could not queue the run; the sweeper will', {
            runId: given.runId,
            err: queueErr,
          }),
        );
        answer({ status: 'queued', response: null, error: null });
      })
      .finally(() => {
        active.delete(given.runId);
        directInFlight--;
      });
    return answered;
  };

  return { task, direct };

  /**
   * One execution of a run, loaded here unless given; answers what a synchronous caller hears:
   * the committed outcome and answer, null when there was nothing to execute (finished, held
   * elsewhere, quarantined, taken over).
   */
  async function executeOnce(
    runId: string,
    given?: LoadedRun,
    /** Told once a checkpoint with the run's answer is committed, before the run goes on. */
    onAnswer?: (r: RunResult) => void,
  ): Promise<RunResult | null> {
    const outage = { maxWaitMs: deps.outageWaitMs ?? 120_000, logger: deps.logger, what: 'run' };
    const run =
      given ??
      (await retryWhileDatabaseUnavailable(
        () => loadRun(deps.sql, runId, deps.processId, deps.deadAfterS),
        outage,
      ));
    if (!run) return null;
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
      return null;
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
    /** The answer the checkpoints wrote so far (a `respond` step's output, or the outcome's). */
    let answer: RunResponse | null = null;
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
        // Plainly linear expressions (most mappings) may skip the thread hop where no API shares
        // this thread's loop; everything else stays isolated.
        ...(deps.evaluatorFor
          ? {
              evaluator: deps.linearInProcess
                ? boundedInProcess(deps.evaluatorFor(run.flowId))
                : deps.evaluatorFor(run.flowId),
            }
          : {}),
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
            // A run's last checkpoint goes with other runs' ending meanwhile (one statement).
            await checkpoints.write(
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
            const response = runResponse(steps, out);
            if (response !== null && answer === null && out === null) {
              onAnswer?.({ status: 'running', response, error: null });
            }
            answer = response ?? answer;
          },
        },
      };
      const outcome = await telemetry.within(() => executeRun(options));
      telemetry.end(outcome);
      if (outcome.status === 'failed') {
        runLog.warn('run failed', { nodeId: outcome.nodeId, code: outcome.error.code });
      }
      const stopped = outcome.status === 'failed' || outcome.status === 'declined';
      return {
        status: storedStatus(outcome),
        response: answer,
        error: stopped ? { code: outcome.error.code, message: outcome.error.message } : null,
      };
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
        return { status: 'cancelled', response: null, error: null };
      }
      if (err instanceof LeaseLostError) {
        deps.logger.warn('run was taken over by another worker; stopping here', { runId });
        return null;
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
