import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '../logger';

/**
 * Routes graphile-worker's own messages into our logger. Its per-job "completed task" lines are
 * debug detail for us (runs have their own history), so its info level maps to our debug.
 * `onError` hears each error it reports, so its supervisor can tell a pool in trouble.
 */
export function queueLogger(
  logger: Logger,
  onError?: (message: string, meta: Record<string, unknown>) => void,
): GraphileLogger {
  const log = logger.child({ component: 'queue' });
  return new GraphileLogger(() => (level, message, meta) => {
    const fields = meta && typeof meta === 'object' ? { ...(meta as Record<string, unknown>) } : {};
    delete fields.worker;
    if (level === 'error') {
      log.error(message, fields);
      onError?.(message, fields);
    } else if (level === 'warning') log.warn(message, fields);
    else log.debug(message, fields);
  });
}
