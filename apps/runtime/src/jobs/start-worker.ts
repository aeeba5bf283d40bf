import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import pg from 'pg';
import { run, type Runner, type WorkerEvents } from 'graphile-worker';
import {
  expressionLimits,
  isDatabaseUnavailable,
  type ExecutorLookup,
  type ExpressionLimits,
} from '@paybridge/engine';
import type { ConnectionResolver } from '../connections/resolver';
import type { Db, Sql } from '../db/client';
import { parseConnectionTarget } from '../db/connection-target';
import type { Logger } from '../logger';
import { createExpressionPool, defaultExpressionThreads } from '../expressions/expression-pool';
import { createRunExecutor } from './execute-run-task';
import type { DirectRunner } from '../runs/direct-run';
import { BULK_TASK } from '../runs/bulk-operations';
import { createBulkTask } from '../runs/bulk-task';
import { FlowSlots, perFlowSlots } from './flow-slots';
import { CancelWatcher } from './run-cancel';
import { queueLogger } from './queue-logger';
import { Reaper } from './reaper';
import { RetentionJob } from './retention';
import { Sweeper } from './sweeper';
import { VersionCache } from './version-cache';
import { instrumentExecutors } from '../observability/instrument-executors';
import { processMetrics } from '../observability/metrics';

export interface WorkerOptions {
  databaseUrl: string;
  sql: Sql;
  db: Db;
  concurrency: number;
  deadAfterS: number;
  lookupExecutor: ExecutorLookup;
  env: Readonly<Record<string, string>>;
  limits: Partial<ExpressionLimits>;
  /**
   * Threads evaluating the runs' JSONata off the event loop (default: the concurrency, at most
   * twice the cores); each thread's heap is `limits.maxMemoryMb`.
   */
  expressionThreads?: number;
  /** Executions of a run that may crash the process in a row before it is `POISONED`. */
  maxCrashes?: number;
  /** Decrypts the connections nodes use; their secrets are scrubbed from run history. */
  connections: ConnectionResolver;
  logger: Logger;
  /** Jobs fetched and locked ahead; -1 for one at a time. */
  prefetch: number;
  /** Delay for batching job completions; -1 to complete each at once. */
  completeBatchMs: number;
  /** Seconds a run may sit without a live job before the sweeper requeues it. */
  sweepGraceS?: number;
  /** Seconds between sweeps. */
  sweepEveryS?: number;
  /** Days succeeded runs keep their data (`PAYBRIDGE_RETENTION_DAYS`); 0 or unset: forever. */
  retentionDays?: number;
  /** The worker has its thread to itself (a worker process or thread): see `linearInProcess`. */
  ownThread?: boolean;
}

export interface RunningWorker {
  processId: string;
  /** Executes runs handed over without the queue (sync flows without effects). */
  directRuns: DirectRunner;
  /** Stops taking jobs and waits for in-flight ones; aborts them after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A stable-per-process identity that the reaper and the run lease both use. */
export function newProcessId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Starts graphile-worker with the runtime's tasks. Batching options stay off: a completed job
 * that is still locked when the process dies would run again, and these jobs move money.
 */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const processId = newProcessId();
  const logger = opts.logger.child({ component: 'worker' });
  const shutdown = new AbortController();
  const reaper = new Reaper(opts.sql, processId, opts.deadAfterS, logger);
  const limits = expressionLimits(opts.limits);
  const expressions = createExpressionPool({
    threads: opts.expressionThreads ?? defaultExpressionThreads(opts.concurrency),
    maxMemoryMb: limits.maxMemoryMb,
    onThreadError: (err) => logger.warn('an expression thread failed', { err }),
  });
  const flowSlots = new FlowSlots(perFlowSlots(opts.concurrency));
  const cancels = new CancelWatcher(opts.sql);
  await cancels.listen();
  const { task, direct } = createRunExecutor({
    sql: opts.sql,
    processId,
    deadAfterS: opts.deadAfterS,
    versions: new VersionCache(opts.db),
    lookupExecutor: instrumentExecutors(opts.lookupExecutor, processMetrics()),
    env: opts.env,
    limits,
    evaluatorFor: (flowId) => expressions.forFlow(flowId),
    linearInProcess: opts.ownThread === true,
    flowSlots,
    maxCrashes: opts.maxCrashes ?? 3,
    cancels,
    connections: opts.connections,
    logger,
    shutdown: shutdown.signal,
  });
  const bulkTask = createBulkTask({ sql: opts.sql, db: opts.db, logger });
  const target = parseConnectionTarget(opts.databaseUrl);

  /** One graphile-worker pool with its own pg pool; replaced whole when it goes bad. */
  interface Queue {
    pgPool: pg.Pool;
    runner: Runner;
    /** Ids it locks jobs under (its pool and workers), for the reaper and for unlocking. */
    ids: Set<string>;
    /** Set once it reported a database error: after an outage it is rebuilt, not trusted. */
    troubled: boolean;
    ended: boolean;
  }

  const startQueue = async (): Promise<Queue> => {
    // The queue's own bookkeeping (take, complete, fail a job) commits without waiting for the
    // WAL flush. A database crash can then at worst bring back a job that had finished, and
    // running a job twice is harmless: the run's state lives in our tables, written with durable
    // commits, and a finished run is skipped. Enqueueing goes through our pool and stays durable.
    const pgPool = new pg.Pool({
      connectionString: target.url,
      ...(target.socketDir ? { host: target.socketDir } : {}),
      max: Math.max(4, opts.concurrency + 2),
      application_name: 'paybridge-worker',
      options: '-c synchronous_commit=off',
    });
    const queue: Partial<Queue> & { ids: Set<string>; troubled: boolean; ended: boolean } = {
      pgPool,
      ids: new Set(),
      troubled: false,
      ended: false,
    };
    const trouble = () => (queue.troubled = true);
    // Without these listeners an idle connection dropped by a Postgres restart would be an
    // uncaught error that ends the process.
    pgPool.on('error', (err) => {
      trouble();
      logger.warn('queue pool error', { err });
    });
    pgPool.on('connect', (client) =>
      client.on('error', (err) => {
        trouble();
        logger.warn('queue connection error', { err });
      }),
    );
    // The queue locks jobs under the worker pool's id, announced while `run` starts, so listen
    // before calling it; the reaper needs that id to unlock this process's jobs if it dies.
    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    const track = (id: string) => {
      queue.ids.add(id);
      reaper.addQueueWorker(id);
    };
    events.on('pool:create', ({ workerPool }) => track(workerPool.id));
    events.on('worker:create', ({ worker }) => track(worker.workerId));
    events.on('pool:gracefulShutdown', trouble);
    try {
      queue.runner = await run({
        pgPool,
        concurrency: opts.concurrency,
        noHandleSignals: true,
        // Workers skipping a full flow's jobs fetch on their own and are not woken by new jobs:
        // a short poll bounds how long another flow's new run waits for them.
        pollInterval: 200,
        logger: queueLogger(opts.logger, (message, meta) => {
          // A task that failed is the task's business, unless the database was the cause; any
          // other error the queue reports is about its own state (fetching, completing, listening).
          if (!message.startsWith('Failed task ') || isDatabaseUnavailable(meta.error)) trouble();
        }),
        taskList: { 'run.execute': task, [BULK_TASK]: bulkTask },
        // A flow holding its share of this worker's slots has its jobs left in the database
        // until one frees, so other flows' runs never wait behind its backlog.
        forbiddenFlags: () => flowSlots.forbidden(),
        events,
        // Fetching jobs ahead and completing them in batches saves two database round trips per
        // run (about 15% more runs/s here). The usual price is that a crash can make a finished
        // job run again: for `run.execute` that is harmless (a finished run is skipped; a run's
        // effects are guarded by its checkpoints), and the reaper frees a dead process's locked
        // jobs in seconds.
        preset: {
          worker: {
            localQueue: { size: opts.prefetch },
            completeJobBatchDelay: opts.completeBatchMs,
          },
        },
      });
    } catch (err) {
      pgPool.end().catch(() => undefined);
      throw err;
    }
    const started = queue as Queue;
    started.runner.promise
      .then(
        () => undefined,
        (err: unknown) => logger.warn('queue worker pool stopped with an error', { err }),
      )
      .finally(() => {
        started.ended = true;
        started.troubled = true;
      });
    return started;
  };

  /**
   * Stops a queue, waiting up to `graceMs` for its jobs (a pool wedged by a lost connection may
   * never finish stopping: it is then abandoned), and closes its pg pool in the background.
   */
  const stopQueue = async (q: Queue, graceMs: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      q.runner.stop().catch((err: unknown) => {
        logger.warn('queue worker pool stopped with an error', { err });
      }),
      new Promise<void>((r) => (timer = setTimeout(r, graceMs))),
    ]);
    clearTimeout(timer);
    q.pgPool.end().catch(() => undefined);
  };

  let stopping = false;
  let queue = await startQueue();
  let replacing: Promise<void> | null = null;
  /**
   * graphile-worker does not come back whole from a database restart: when it cannot record a
   * job's completion it shuts its pool down ("the queue is in an inconsistent state"), a pool
   * can keep handing out a dead connection, or wedge with jobs locked that it never runs. The
   * jobs stay locked under ids this live process heartbeats, so nobody else takes them either.
   * So a queue that reported database trouble is replaced once the database answers again: the
   * old one stopped (or abandoned), its jobs unlocked, a fresh pool and queue started. Runs lose
   * nothing: their state lives in their checkpoints, and a job run twice finds its run done.
   */
  const replaceQueue = async (): Promise<void> => {
    const old = queue;
    logger.warn('queue hit database trouble; replacing it', { queueWorkers: old.ids.size });
    for (let delay = 500; !stopping; delay = Math.min(delay * 2, 10_000)) {
      try {
        await opts.sql`select 1`;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    if (stopping) return;
    await stopQueue(old, 15_000);
    for (let delay = 500; !stopping; delay = Math.min(delay * 2, 10_000)) {
      try {
        if (old.ids.size > 0) {
          await opts.sql`select graphile_worker.force_unlock_workers(${[...old.ids]})`;
          reaper.removeQueueWorkers(old.ids);
        }
        const next = await startQueue();
        if (stopping) {
          await stopQueue(next, 1000);
          return;
        }
        queue = next;
        logger.info('queue replaced');
        return;
      } catch (err) {
        logger.warn('could not replace the queue yet', { err });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  const watchdog = setInterval(() => {
    if (stopping || replacing || !queue.troubled) return;
    replacing = replaceQueue()
      .catch((err: unknown) => logger.warn('queue replacement failed', { err }))
      .finally(() => (replacing = null));
  }, 1000);
  watchdog.unref();
  await reaper.start();
  const sweeper = new Sweeper(opts.sql, logger, {
    deadAfterS: opts.deadAfterS,
    graceS: opts.sweepGraceS ?? Math.max(10, opts.deadAfterS * 2),
    everyMs: (opts.sweepEveryS ?? Math.max(5, opts.deadAfterS)) * 1000,
  });
  sweeper.start();
  const retention = new RetentionJob(opts.sql, logger, {
    days: opts.retentionDays ?? 0,
    everyMs: 60_000,
  });
  retention.start();
  logger.info('worker started', { processId, concurrency: opts.concurrency });

  return {
    processId,
    directRuns: {
      ready: () => !stopping,
      execute: (run) => (stopping ? Promise.resolve(null) : direct(run)),
    },
    async stop(graceMs = 10_000) {
      const force = setTimeout(() => shutdown.abort(new Error('worker shutting down')), graceMs);
      stopping = true;
      clearInterval(watchdog);
      try {
        await sweeper.stop();
        await retention.stop();
        await replacing;
        await queue.runner
          .stop()
          .catch((err: unknown) => logger.warn('queue worker pool stopped with an error', { err }));
      } finally {
        clearTimeout(force);
        await reaper.stop().catch(() => undefined);
        await queue.pgPool.end().catch(() => undefined);
        await cancels.close();
        await expressions.close().catch(() => undefined);
      }
    },
  };
}
