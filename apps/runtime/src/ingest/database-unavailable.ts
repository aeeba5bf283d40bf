import type { Context } from 'hono';
import { errorBody } from '../http/api-error';
import type { Logger } from '../logger';

/** Socket-level failures reaching Postgres (TCP or Unix socket). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** postgres.js's own codes for a connection that failed, closed or timed out. */
const DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a server that is going away or not accepting work yet: class 08 (connection
 * exception), admin/crash shutdown, "the database system is starting up / shutting down",
 * too many connections.
 */
function unavailableState(code: string): boolean {
  return /^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/**
 * Whether an error means "the database cannot be reached right now" rather than "this request
 * is wrong": such a request may be retried as it is, and will succeed once Postgres is back.
 * Walks `cause` chains (drizzle wraps driver errors) and aggregate errors (a host with several
 * addresses). A Postgres error with a SQLSTATE outside the unavailable set is not one.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : '';
  if (DRIVER_CODES.has(code) || NETWORK_CODES.has(code)) return true;
  // The Unix socket file is gone while Postgres is stopped.
  if (code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect') return true;
  if ((err as { name?: unknown }).name === 'PostgresError' && unavailableState(code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1)))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

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
