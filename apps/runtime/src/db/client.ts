import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { isDatabaseUnavailable } from '@paybridge/engine';
import type { Logger } from '../logger';
import { parseConnectionTarget, socketPathOf } from './connection-target';
import * as schema from './schema/index';

export type Sql = postgres.Sql;
export type Db = ReturnType<typeof createDb>['db'];

/** A postgres.js pool for a database URL, honouring a libpq-style `?host=/socket/dir`. */
export function openSql(
  databaseUrl: string,
  options: postgres.Options<Record<string, postgres.PostgresType>> = {},
): Sql {
  const target = parseConnectionTarget(databaseUrl);
  const path = socketPathOf(target);
  return postgres(target.url, { onnotice: () => undefined, ...(path ? { path } : {}), ...options });
}

/**
 * One postgres.js pool for the runtime's own queries, wrapped by drizzle. postgres.js returns
 * bigint and numeric as strings, so ids and amounts never pass through a float.
 */
export function createDb(databaseUrl: string, max: number) {
  const sql = openSql(databaseUrl, { max, connection: { application_name: 'paybridge' } });
  const db = drizzle(sql, { schema });
  keepDateParameters(sql);
  readArrayTypesOnce(sql);
  return { sql, db };
}

/**
 * postgres.js reads the server's array types again on every new connection, and a connection
 * dropped during that read (a database restart) rejects a promise nobody holds: an unhandled
 * rejection. The types live on the pool's shared options once read, so after the first query
 * succeeds new connections skip the read. Until then (or if the database is down at start),
 * connections read them as before.
 */
function readArrayTypesOnce(sql: Sql): void {
  sql`select 1`.then(
    () => {
      sql.options.fetch_types = false;
    },
    () => undefined,
  );
}

/** Date and time types whose serializer drizzle replaces on the pool it wraps. */
const TIME_TYPES = ['1184', '1082', '1083', '1114', '1182', '1185', '1115', '1231'] as const;

/**
 * drizzle makes the shared pool pass time values through untouched (it converts them itself),
 * which left every raw query given a `Date` failing with a driver error (a 500 for an API time
 * filter). Dates become ISO text again; the strings drizzle sends pass as before.
 */
function keepDateParameters(sql: Sql): void {
  const serializers = sql.options.serializers as Record<string, (v: unknown) => unknown>;
  for (const type of TIME_TYPES) {
    serializers[type] = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  }
}

/**
 * Runs `fn`, and while it fails because the database is unavailable (a restart, a dropped
 * connection), waits and tries again, up to `maxWaitMs` in all; any other error, or the last
 * outage error, is thrown. postgres.js reconnects on the next query, so a retry is all it takes.
 */
export async function retryWhileDatabaseUnavailable<T>(
  fn: () => Promise<T>,
  opts: { maxWaitMs: number; logger?: Logger; what?: string; signal?: AbortSignal },
): Promise<T> {
  const until = Date.now() + opts.maxWaitMs;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + delay > until || opts.signal?.aborted) {
        throw err;
      }
      if (attempt === 1) {
        opts.logger?.warn('database unavailable; retrying', { what: opts.what, err });
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}
