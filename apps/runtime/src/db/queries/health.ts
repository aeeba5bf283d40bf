import type { Sql } from '../client';

/** Resolves when the database answers a trivial query; the readiness probe's only check. */
export async function pingDatabase(sql: Sql): Promise<void> {
  await sql`select 1`;
}
