import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import pg from 'pg';
import { run, type Runner, type WorkerEvents } from 'graphile-worker';
import type { ExecutorLookup, ExpressionLimits } from '@paybridge/engine';
import type { ConnectionResolver } from '../connections/resolver';
import type { Db, Sql } from '../db/client';
import { parseConnectionTarget } from '../db/connection-target';
import type { Logger } from '../logger';
import { createExecuteRunTask } from './execute-run-task';
import { queueLogger } from './queue-logger';
import { Reaper } from './reaper';
import { Sweeper } from './sweeper';
import { VersionCache } from './version-cache';

export interface WorkerOptions {
  databaseUrl: string;
  sql: Sql;
  db: Db;
  concurrency: number;
  deadAfterS: number;
  lookupExecutor: ExecutorLookup;
  env: Readonly<Record<string, string>>;
  limits: Partial<ExpressionLimits>;
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
}

export interface RunningWorker {
  processId: string;
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
  // The queue's own bookkeeping (take, complete, fail a job) commits without waiting for the WAL
  // flush. A database crash can then at worst bring back a job that had finished, and running a
  // job twice is harmless: the run's state lives in our tables, written with durable commits,
  // and a finished run is skipped. Enqueueing goes through our pool and stays durable.
  const target = parseConnectionTarget(opts.databaseUrl);
  const pgPool = new pg.Pool({
    connectionString: target.url,
    ...(target.socketDir ? { host: target.socketDir } : {}),
    max: Math.max(4, opts.concurrency + 2),
    application_name: 'paybridge-worker',
    options: '-c synchronous_commit=off',
  });
  pgPool.on('error', (err) => logger.warn('queue pool error', { err }));
  pgPool.on('connect', (client) =>
    client.on('error', (err) => logger.warn('queue connection error', { err })),
  );

  const task = createExecuteRunTask({
    sql: opts.sql,
    processId,
    deadAfterS: opts.deadAfterS,
    versions: new VersionCache(opts.db),
    lookupExecutor: opts.lookupExecutor,
    env: opts.env,
    limits: opts.limits,
    connections: opts.connections,
    logger,
    shutdown: shutdown.signal,
  });

  /** Starts one graphile-worker pool; the ids it locks jobs under go to `ids` and the reaper. */
  const startRunner = async (ids: Set<string>): Promise<Runner> => {
    // The queue locks jobs under the worker pool's id, announced while `run` starts, so listen
    // before calling it; the reaper needs that id to unlock this process's jobs if it dies.
    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    const track = (id: string) => {
      ids.add(id);
      reaper.addQueueWorker(id);
    };
    events.on('pool:create', ({ workerPool }) => track(workerPool.id));
    events.on('worker:create', ({ worker }) => track(worker.workerId));
    return run({
      pgPool,
      concurrency: opts.concurrency,
      noHandleSignals: true,
      pollInterval: 1000,
      logger: queueLogger(opts.logger),
      taskList: { 'run.execute': task },
      events,
      // Fetching jobs ahead and completing them in batches saves two database round trips per run
      // (about 15% more runs/s here). The usual price is that a crash can make a finished job run
      // again: for `run.execute` that is harmless (a finished run is skipped; a run's effects are
      // guarded by its checkpoints), and the reaper frees a dead process's locked jobs in seconds.
      preset: {
        worker: {
          localQueue: { size: opts.prefetch },
          completeJobBatchDelay: opts.completeBatchMs,
        },
      },
    });
  };

  let stopping = false;
  const firstIds = new Set<string>();
  let runner: Runner = await startRunner(firstIds);
  /**
   * graphile-worker shuts its pool down when it cannot record a job's completion or failure (the
   * database went away mid-job): "the queue is in an inconsistent state". Nothing is lost (the
   * jobs stay locked, our runs keep their checkpoints), but this process would stop working
   * while its heartbeat says it is alive. So a pool that ends on its own is replaced: its jobs
   * are unlocked once the database answers, and a new pool starts.
   */
  const supervise = (current: Runner, ids: Set<string>): void => {
    current.promise
      .then(
        () => undefined,
        (err: unknown) => logger.warn('queue worker pool stopped with an error', { err }),
      )
      .finally(() => {
        if (stopping || current !== runner) return;
        void replacePool(ids);
      });
  };
  const replacePool = async (oldIds: Set<string>): Promise<void> => {
    logger.warn('queue worker pool stopped unexpectedly; starting a new one', {
      queueWorkers: oldIds.size,
    });
    for (let delay = 500; !stopping; delay = Math.min(delay * 2, 10_000)) {
      try {
        if (oldIds.size > 0) {
          await opts.sql`select graphile_worker.force_unlock_workers(${[...oldIds]})`;
          reaper.removeQueueWorkers(oldIds);
          oldIds.clear();
        }
        const ids = new Set<string>();
        const next = await startRunner(ids);
        if (stopping) {
          await next.stop();
          return;
        }
        runner = next;
        supervise(next, ids);
        logger.info('queue worker pool restarted');
        return;
      } catch (err) {
        logger.warn('could not restart the queue worker pool yet', { err });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  supervise(runner, firstIds);
  await reaper.start();
  const sweeper = new Sweeper(opts.sql, logger, {
    deadAfterS: opts.deadAfterS,
    graceS: opts.sweepGraceS ?? Math.max(10, opts.deadAfterS * 2),
    everyMs: (opts.sweepEveryS ?? Math.max(5, opts.deadAfterS)) * 1000,
  });
  sweeper.start();
  logger.info('worker started', { processId, concurrency: opts.concurrency });

  return {
    processId,
    async stop(graceMs = 10_000) {
      const force = setTimeout(() => shutdown.abort(new Error('worker shutting down')), graceMs);
      stopping = true;
      try {
        await sweeper.stop();
        await runner
          .stop()
          .catch((err: unknown) => logger.warn('queue worker pool stopped with an error', { err }));
      } finally {
        clearTimeout(force);
        await reaper.stop().catch(() => undefined);
        await pgPool.end();
      }
    },
  };
}
