import { isDatabaseUnavailable } from '@paybridge/engine';
import type { Context } from 'hono';
import { errorBody } from '../http/api-error';
import type { Logger } from '../logger';

/** The driver's own message under any wrapping (drizzle's "Failed query: …" carries the SQL). */
function rootMessage(err: unknown): string {
  let e = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause instanceof Error; i++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Seconds a sender is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * Answers a trigger request the runtime could not store because the database is unreachable:
 * 503 with `Retry-After`, so Shopify and other senders retry it rather than count it delivered
 * (nothing was stored; the retry is the delivery). Other errors go on to the usual handler.
 */
export function unavailableResponse(c: Context, err: unknown, logger: Logger, what: string) {
  if (!isDatabaseUnavailable(err)) throw err;
  logger.warn(`${what} refused for now: the database is unreachable`, {
    path: c.req.path,
    error: rootMessage(err),
  });
  c.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
  return c.json(
    errorBody(
      'DATABASE_UNAVAILABLE',
      `The event could not be stored: the database is unreachable. Send it again in ${DATABASE_RETRY_AFTER_S} s.`,
    ),
    503,
  );
}
