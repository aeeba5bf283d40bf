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

  // The queue locks jobs under the worker pool's id, announced while `run` starts, so listen
  // before calling it; the reaper needs that id to unlock this process's jobs if it dies.
  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  events.on('pool:create', ({ workerPool }) => reaper.addQueueWorker(workerPool.id));
  events.on('worker:create', ({ worker }) => reaper.addQueueWorker(worker.workerId));
  const runner: Runner = await run({
    pgPool,
    concurrency: opts.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: queueLogger(opts.logger),
    taskList: {
      'run.execute': createExecuteRunTask({
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
      }),
    },
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
  await reaper.start();
  logger.info('worker started', { processId, concurrency: opts.concurrency });

  return {
    processId,
    async stop(graceMs = 10_000) {
      const force = setTimeout(() => shutdown.abort(new Error('worker shutting down')), graceMs);
      try {
        await runner.stop();
      } finally {
        clearTimeout(force);
        await reaper.stop().catch(() => undefined);
        await pgPool.end();
      }
    },
  };
}
