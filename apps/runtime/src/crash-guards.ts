import { isDatabaseUnavailable } from '@paybridge/engine';
import type { Logger } from './logger';

/**
 * A stray error must not take the runtime down: in single-process mode that would stop ingress,
 * the API and every worker at once. A lost database connection or socket surfacing outside any
 * request (a client's idle connection dropping during a Postgres restart) is logged and serving
 * goes on: the clients reconnect on their next query. So is a rejected promise nobody awaited.
 * Any other uncaught exception leaves the thread in an unknown state, so it drains in-flight work
 * and exits with status 1: a process for its supervisor to restart, a worker thread for the
 * process to restart (runs resume from their checkpoints).
 */
export function installCrashGuards(
  logger: Logger,
  stop: () => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection (still serving)', { err: reason });
  });
  let exiting = false;
  process.on('uncaughtException', (err, origin) => {
    if (isDatabaseUnavailable(err) || isDroppedSocketWrite(err)) {
      logger.warn('lost a database or network connection (still serving)', { err, origin });
      return;
    }
    logger.error('uncaught exception: draining and exiting for a restart', {
      err,
      stack: err instanceof Error ? err.stack : undefined,
      origin,
    });
    if (exiting) return;
    exiting = true;
    const force = setTimeout(() => exit(1), 15_000);
    force.unref();
    stop().finally(() => exit(1));
  });
}

/**
 * postgres.js (3.4.x) can run a write it scheduled for a connection that closed meanwhile (a
 * Postgres restart): its socket is gone, and the write throws outside any query. That is a lost
 * connection like the others: the pool reconnects on its next query, and a query caught in it
 * fails or times out with its step, so the thread keeps serving.
 */
export function isDroppedSocketWrite(err: unknown): boolean {
  return (
    err instanceof TypeError &&
    err.message === "Cannot read properties of null (reading 'write')" &&
    /\bnextWrite\b/.test(err.stack ?? '')
  );
}
