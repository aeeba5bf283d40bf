import type { Sql } from '../src/db/client';

/**
 * Every row of every table Paybridge and its queue write, as text, for scans that prove a value
 * (a secret, a card number) was never stored anywhere.
 */
export async function dumpDatabase(sql: Sql): Promise<{ tables: string[]; text: string }> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'
    order by 1, 2`;
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await sql.unsafe<{ row: string }[]>(
      `select t::text as row from "${schema}"."${name}" t`,
    );
    parts.push(`== ${schema}.${name}`, ...rows.map((r) => r.row));
  }
  return { tables: tables.map((t) => `${t.schema}.${t.name}`), text: parts.join('\n') };
}
