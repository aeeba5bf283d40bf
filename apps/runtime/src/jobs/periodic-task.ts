import type { Logger } from '../logger';

/** A side loop of the worker (sweeping, pruning, alerting) started on an interval. */
export interface PeriodicTask {
  /** Stops the interval and waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `everyMs`, never two rounds at once (a slow round skips ticks rather than
 * piling up), logging a failed round as `what` instead of letting it end the process. The timer
 * does not keep the process alive.
 */
export function startPeriodicTask(
  everyMs: number,
  round: () => Promise<unknown>,
  logger: Logger,
  what: string,
): PeriodicTask {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = round()
      .catch((err: unknown) => logger.warn(what, { err }))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
