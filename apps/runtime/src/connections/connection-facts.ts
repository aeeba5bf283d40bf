import type { Sql } from '../db/client';
import type { TestRunConnections } from '../runs/test-run';

/**
 * Connections' type, name and non-secret values read straight from Postgres, for the test-run
 * check of what a run would call live. It opens no secret, so it serves where no key ring is at
 * hand (a bulk replay in the worker). A deleted or unknown connection rejects, as the store's
 * `get` does.
 */
export function connectionFacts(sql: Sql): TestRunConnections {
  return {
    async get(id) {
      const [row] = await sql<{ type: string; name: string; values: Record<string, unknown> }[]>`
        select type, name, values from connections
        where id::text = ${id} and deleted_at is null`;
      if (!row) throw new Error(`No connection with id ${id}`);
      return row;
    },
  };
}
