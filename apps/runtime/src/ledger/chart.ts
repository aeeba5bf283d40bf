/**
 * The chart of accounts: seeded once with the default chart of a Shopify + PayTrace merchant,
 * and how postings find an account by code or role.
 *
 * @module
 */
import { DEFAULT_CHART, ErpError, lineError } from '@paybridge/nodes/erp';
import type { LedgerSql } from './ledger-sql';

/** Inserts the default chart's accounts that are missing; safe to run any number of times. */
export async function ensureDefaultChart(sql: LedgerSql): Promise<void> {
  const rows = DEFAULT_CHART.map((a) => ({
    code: a.code,
    role: a.role,
    name: a.name,
    type: a.type,
  }));
  await sql`
    insert into ledger.accounts ${sql(rows, 'code', 'role', 'name', 'type')}
    on conflict do nothing`;
}

/**
 * Resolves account names (codes such as `1000` or roles such as `cash`) to ids, refusing an
 * unknown one with the index of the first line that names it.
 */
export async function resolveAccounts(sql: LedgerSql, names: readonly string[]): Promise<number[]> {
  const unique = [...new Set(names)];
  const rows = await sql<{ id: string; code: string; role: string | null }[]>`
    select id, code, role from ledger.accounts
    where code = any(${unique}::text[]) or role = any(${unique}::text[])`;
  const byName = new Map<string, number>();
  for (const row of rows) {
    byName.set(row.code, Number(row.id));
    if (row.role) byName.set(row.role, Number(row.id));
  }
  return names.map((name, index) => {
    const id = byName.get(name);
    if (id === undefined) {
      if (names.length === 1) {
        throw new ErpError('validation', 'UNKNOWN_ACCOUNT', `unknown account "${name}"`);
      }
      throw lineError('UNKNOWN_ACCOUNT', index, `unknown account "${name}"`);
    }
    return id;
  });
}
