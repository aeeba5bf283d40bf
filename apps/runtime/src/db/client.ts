import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Sql = postgres.Sql;
export type Db = ReturnType<typeof createDb>['db'];

/**
 * One postgres.js pool for the runtime's own queries, wrapped by drizzle. postgres.js returns
 * bigint and numeric as strings, so ids and amounts never pass through a float.
 */
export function createDb(url: string, max: number) {
  const sql = postgres(url, {
    max,
    onnotice: () => undefined,
    connection: { application_name: 'paybridge' },
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}
