import { afterAll } from 'vitest';
import { erpContract } from '@paybridge/nodes/erp/contract';
import { freshDatabase } from '../../test/support';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { createBuiltInLedger } from './built-in-ledger';

let sql: Sql | undefined;
afterAll(async () => {
  await sql?.end();
});

const TABLE = { invoice: 'invoices', payment: 'payments', journal: 'journal_entries' } as const;

erpContract('built-in ledger', {
  adapter: async () => {
    const url = await freshDatabase();
    const db = createDb(url, 6);
    sql = db.sql;
    await migrateDatabase(db.db, db.sql, url, createLogger('warn'));
    return createBuiltInLedger(db.sql);
  },
  countPosted: async (kind, ref) => {
    const [row] = await sql!.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ledger.${TABLE[kind]} where external_ref = $1`,
      [ref],
    );
    return row!.n;
  },
});
