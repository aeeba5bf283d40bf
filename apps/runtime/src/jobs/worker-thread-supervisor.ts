import { Worker } from 'node:worker_threads';
import type { Env } from '../env';
import type { Logger } from '../logger';
import type { RunResult } from '../ingest/run-waiter';
import type { MetricsSnapshot } from '../observability/metrics';
import type { DirectRun, DirectRunner } from '../runs/direct-run';

/** What the process hands its worker thread at start (structured-cloned). */
export interface WorkerThreadData {
  /** The process's settings, with the database and sandbox decided by the process. */
  env: Env;
  /** Niceness of the thread: above 0, the API's thread is scheduled first when both want a core. */
  niceness: number;
}

/** What the worker learns of the process's API once it listens. */
export interface WorkerThreadHost {
  /** The process's own API, whose sandbox the thread's connectors call; null without sandbox. */
  sandboxUrl: string | null;
  /** The process's base URL, for links the worker makes (pay pages, alerts). */
  publicUrl: string | null;
}

/** Messages from the process to its worker thread. */
export type ToWorkerThread =
  | { type: 'start'; host: WorkerThreadHost }
  | { type: 'stop' }
  | { type: 'metrics'; id: number }
  | { type: 'direct'; id: number; run: DirectRun };

/** Messages from the worker thread to the process. */
export type FromWorkerThread =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'metrics'; id: number; metrics: MetricsSnapshot }
  | { type: 'direct'; id: number; result: RunResult | null };

/** The worker thread of an `all` process, restarted whenever it dies. */
export interface WorkerThreadHandle {
  /**
   * Starts the worker in the thread, once the process's API listens (its sandbox URL is known);
   * resolves when it runs, rejects when it cannot start at all (bad settings).
   */
  start(host: WorkerThreadHost): Promise<void>;
  /** Times the thread died and was started again. */
  restarts(): number;
  /** The thread's counters and histograms, for the process's `GET /metrics`. */
  metrics(): Promise<MetricsSnapshot>;
  /**
   * Runs handed to the thread's worker without the queue; not ready while no thread runs a
   * worker, and a run in flight when its thread dies answers null (the caller queues it).
   */
  directRuns: DirectRunner;
  /** Drains in-flight steps in the thread, then ends it. */
  stop(): Promise<void>;
}

/** Niceness of the worker thread: the API answers first, the worker takes the rest of the CPU. */
export const WORKER_THREAD_NICENESS = 5;
const METRICS_TIMEOUT_MS = 2000;
const STOP_TIMEOUT_MS = 30_000;
const RESTART_DELAYS_MS = [200, 1000, 5000, 15_000];

/**
 * Starts the worker role (queue, node executors, scheduler, pollers, alerts) in a worker thread
 * of this process, and keeps it running. Node code and the bookkeeping of large step data then
 * never hold up the event loop that answers the API, ingress and `/healthz`, and the worker
 * thread runs at a lower priority than the API's. When the thread ends on an error its crash
 * guard could not absorb, the process starts a new one (after a short pause that grows while it
 * keeps ending); the runs it was executing resume from their checkpoints once the old thread's
 * worker is declared dead, and a run that keeps ending threads is quarantined (`POISONED`) by
 * the same crash count as a process crash. The thread is created at once, so loading its code
 * overlaps the API's start; `start` then starts the worker in it.
 */
export function launchWorkerThread(opts: {
  data: WorkerThreadData;
  logger: Logger;
  /** The thread's module; tests of the supervision give one of their own. */
  entry?: URL;
}): WorkerThreadHandle {
  const { logger } = opts;
  let thread!: Worker;
  let stopping = false;
  let restarts = 0;
  let nextId = 1;
  const pending = new Map<number, (m: MetricsSnapshot) => void>();
  const directs = new Map<number, (r: RunResult | null) => void>();
  /** Whether the current thread's worker runs (between its `ready` and its exit or stop). */
  let working = false;
  let stopped: (() => void) | null = null;
  let running = false;
  let host: WorkerThreadHost | undefined;

  /** Deaths in the last minute: the pause before the next start grows while they pile up. */
  const deaths: number[] = [];
  const restartLater = (failure: unknown, exitCode: number | null): void => {
    const now = Date.now();
    while (deaths.length > 0 && deaths[0]! < now - 60_000) deaths.shift();
    deaths.push(now);
    const delay = RESTART_DELAYS_MS[Math.min(deaths.length - 1, RESTART_DELAYS_MS.length - 1)]!;
    restarts += 1;
    logger.error(
      'the worker thread stopped: starting a new one; the runs it was executing resume',
      { err: failure ?? undefined, exitCode, restarts, restartInMs: delay },
    );
    setTimeout(() => {
      if (stopping) return;
      // A thread that cannot start (the database is down) is retried the same way.
      spawn().catch(() => undefined);
    }, delay).unref();
  };

  /** Starts a thread; resolves once its worker runs, rejects if the thread ends before that. */
  const spawn = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let ready = false;
      const t = new Worker(opts.entry ?? new URL('./worker-thread.mjs', import.meta.url), {
        workerData: opts.data,
        name: 'paybridge-worker',
      });
      thread = t;
      running = true;
      if (host !== undefined) {
        t.postMessage({ type: 'start', host } satisfies ToWorkerThread);
      }
      t.on('message', (m: FromWorkerThread) => {
        if (m.type === 'ready') {
          ready = true;
          working = true;
          resolve();
        } else if (m.type === 'direct') {
          directs.get(m.id)?.(m.result);
          directs.delete(m.id);
        } else if (m.type === 'metrics') {
          pending.get(m.id)?.(m.metrics);
          pending.delete(m.id);
        } else if (m.type === 'stopped') {
          stopped?.();
        }
      });
      let failure: unknown = null;
      t.on('error', (err) => {
        failure = err;
      });
      t.on('exit', (code) => {
        running = false;
        working = false;
        for (const answer of pending.values()) answer([]);
        pending.clear();
        for (const answer of directs.values()) answer(null);
        directs.clear();
        if (!ready) {
          reject(
            failure instanceof Error
              ? failure
              : new Error(`the worker thread exited with code ${code} before it was ready`),
          );
        }
        // The first thread failing to start fails the process's start; later ones are retried.
        if (stopping || (!ready && restarts === 0 && t === firstThread)) return;
        restartLater(failure, code);
      });
    });

  const first = spawn();
  const firstThread = thread;
  // Seen by `start`; without it, a thread failing before `start` is called would be unhandled.
  first.catch(() => undefined);
  return {
    start(given) {
      host = given;
      thread.postMessage({ type: 'start', host: given } satisfies ToWorkerThread);
      return first;
    },
    restarts: () => restarts,
    metrics() {
      const id = nextId++;
      return new Promise<MetricsSnapshot>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve([]);
        }, METRICS_TIMEOUT_MS);
        pending.set(id, (m) => {
          clearTimeout(timer);
          resolve(m);
        });
        thread.postMessage({ type: 'metrics', id } satisfies ToWorkerThread);
      });
    },
    directRuns: {
      ready: () => working && !stopping,
      execute(run) {
        if (!working || stopping) return Promise.resolve(null);
        const id = nextId++;
        return new Promise<RunResult | null>((resolve) => {
          directs.set(id, resolve);
          thread.postMessage({ type: 'direct', id, run } satisfies ToWorkerThread);
        });
      },
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const t = thread;
      if (!running) return; // died, and its replacement was not started
      const exited = new Promise<void>((r) => t.once('exit', () => r()));
      const drained = new Promise<void>((r) => {
        stopped = r;
      });
      t.postMessage({ type: 'stop' } satisfies ToWorkerThread);
      const timer = setTimeout(() => void t.terminate(), STOP_TIMEOUT_MS);
      await Promise.race([drained.then(() => t.terminate()), exited]);
      await exited;
      clearTimeout(timer);
    },
  };
}
