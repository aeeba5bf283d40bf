/**
 * The chargeback ratio's denominator (`GET /api/disputes/ratio`): PayTrace's settled sales staged
 * by settlement reconciliation for the days it reconciled, the built-in ledger's payments for the
 * other days, and the month saying which it counted. A merchant booking in QuickBooks has an empty
 * built-in ledger, so without the settled sales the ratio would have no volume at all.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import { admitNotice } from '../src/disputes/case-store';
import { ensureDefaultChart } from '../src/ledger/chart';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';
import { processorNotice } from './support/dispute-notice';

let runtime: RuntimeHandle;
let base: string;
let sql: Sql;

/** The calendar month `back` months before the current one (UTC), as YYYY-MM. */
const month = (back: number) => {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
};

/** A reconciled day: one batch and its settled sales (and one refund, which is not a sale). */
async function stageDay(day: string, batch: number, sales: number): Promise<void> {
  await sql`
    insert into reconciliation_batches (connection, batch_number, business_date, currency,
           transaction_count, gross, refunds, net)
    values ('pt', ${batch}, ${day}::date, 'USD', ${sales + 1}, 0, 0, 0)`;
  await sql`
    insert into reconciliation_transactions (connection, transaction_id, batch_number,
           business_date, kind, amount, currency)
    select 'pt', ${batch} || '-' || i, ${batch}, ${day}::date,
           case when i = 0 then 'refund' else 'sale' end, 1000, 'USD'
      from generate_series(0, ${sales}) i`;
}

/** `n` payments booked in the built-in ledger on `day`. */
async function bookPayments(day: string, n: number): Promise<void> {
  await sql.begin(async (tx) => {
    const [entry] = await tx<{ id: string }[]>`
      insert into ledger.journal_entries (source, currency, txn_date)
      values ('test', 'USD', ${day}) returning id`;
    await tx`
      insert into ledger.journal_lines (entry_id, line_no, account_id, debit, credit)
      select ${entry!.id}::uuid, v.n, a.id, case when v.n = 1 then 1 else 0 end,
             case when v.n = 2 then 1 else 0 end
        from (values (1, 'cash'), (2, 'card-clearing')) v(n, role)
        join ledger.accounts a on a.role = v.role`;
    await tx`
      insert into ledger.customers (external_ref, name) values ('ratio', 'Ratio')
      on conflict do nothing`;
    await tx`
      insert into ledger.invoices (external_ref, fingerprint, customer_id, currency, txn_date,
             subtotal, tax, shipping, discount, total, open_balance)
      select 'INV-' || ${day} || '-' || i, 'test', c.id, 'USD', ${day}::date, 1000, 0, 0, 0,
             1000, 0
        from generate_series(1, ${n}) i
       cross join (select id from ledger.customers where external_ref = 'ratio') c`;
    await tx`
      insert into ledger.payments (external_ref, fingerprint, invoice_id, currency, amount,
             txn_date, journal_id)
      select 'paytrace-' || ${day} || '-' || i, 'test', inv.id, 'USD', 1000, ${day}::date,
             ${entry!.id}::uuid
        from generate_series(1, ${n}) i
        join ledger.invoices inv on inv.external_ref = 'INV-' || ${day} || '-' || i`;
  });
}

beforeAll(async () => {
  const url = await freshDatabase();
  runtime = await startTestRuntime(url, { env: { PAYBRIDGE_LEDGER_TIME_ZONE: 'UTC' } });
  base = runtime.url!;
  sql = openSql(url, { max: 2 });
  await ensureDefaultChart(sql);
  // This month: reconciled on the 1st and 2nd (5 + 3 settled sales); the ledger's payment on
  // the 1st is the same sale booked, not another one.
  await stageDay(`${month(0)}-01`, 1, 5);
  await stageDay(`${month(0)}-02`, 2, 3);
  await bookPayments(`${month(0)}-01`, 1);
  // Last month: nothing reconciled, the ledger's 4 payments count.
  await bookPayments(`${month(1)}-10`, 4);
  // Two months back: the 3rd reconciled (2 sales), the 20th only booked (2 payments).
  await stageDay(`${month(2)}-03`, 3, 2);
  await bookPayments(`${month(2)}-03`, 2);
  await bookPayments(`${month(2)}-20`, 2);
  for (const [n, day] of [
    ['CB-R1', `${month(0)}-01`],
    ['CB-R2', `${month(1)}-11`],
    ['CB-R3', `${month(2)}-21`],
  ] as const)
    await admitNotice(sql, processorNotice(n, day), randomUUID());
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await runtime?.stop();
});

describe('chargeback ratio volume', () => {
  it('counts settled sales for reconciled days, ledger payments otherwise, and says which', async () => {
    const res = await call(base, 'GET', '/api/disputes/ratio?months=4');
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual([
      { month: month(3), disputes: 0, transactions: 0, source: 'ledger', ratio: null },
      { month: month(2), disputes: 1, transactions: 4, source: 'mixed', ratio: 0.25 },
      { month: month(1), disputes: 1, transactions: 4, source: 'ledger', ratio: 0.25 },
      { month: month(0), disputes: 1, transactions: 8, source: 'settlement', ratio: 0.125 },
    ]);
  });
});
