import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
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
  return { sql, db };
}
