/**
 * The ledger's reports: trial balance and account activity for a date range, and open invoices.
 * Sums are done by Postgres on bigint columns and read back as safe integers.
 *
 * @module
 */
import { ErpError, isDebitNormal, type AccountType } from '@paybridge/nodes/erp';
import type { z } from '@hono/zod-openapi';
import type * as schemas from './ledger-response-schemas';
import { toMinor, type LedgerSql } from './ledger-sql';

/** An inclusive range of calendar dates; either end may be open. */
export type DateRange = z.infer<typeof schemas.DateRange>;

/** One account's movement in a currency. `balance` is signed by the account's normal side. */
export type TrialBalanceRow = z.infer<typeof schemas.TrialBalanceRow>;

/** Trial balance: per account and currency, with per-currency totals that must agree. */
export async function trialBalance(sql: LedgerSql, range: DateRange) {
  const rows = await sql<
    {
      code: string;
      name: string;
      type: AccountType;
      currency: string;
      debit: string;
      credit: string;
    }[]
  >`select a.code, a.name, a.type, e.currency, sum(l.debit) as debit, sum(l.credit) as credit
    from ledger.journal_lines l
    join ledger.journal_entries e on e.id = l.entry_id
    join ledger.accounts a on a.id = l.account_id
    where (${range.from ?? null}::date is null or e.txn_date >= ${range.from ?? null}::date)
      and (${range.to ?? null}::date is null or e.txn_date <= ${range.to ?? null}::date)
    group by a.code, a.name, a.type, e.currency
    order by e.currency, a.code`;
  const accounts: TrialBalanceRow[] = rows.map((r) => {
    const debit = toMinor(r.debit);
    const credit = toMinor(r.credit);
    return {
      ...r,
      debit,
      credit,
      balance: isDebitNormal(r.type) ? debit - credit : credit - debit,
    };
  });
  const totals = new Map<string, { currency: string; debit: number; credit: number }>();
  for (const a of accounts) {
    const t = totals.get(a.currency) ?? { currency: a.currency, debit: 0, credit: 0 };
    t.debit += a.debit;
    t.credit += a.credit;
    totals.set(a.currency, t);
  }
  return {
    range,
    accounts,
    totals: [...totals.values()].map((t) => ({ ...t, balanced: t.debit === t.credit })),
  };
}

/** Every line posted to one account (by code or role) in a range, with running balances. */
export async function accountActivity(sql: LedgerSql, account: string, range: DateRange) {
  const [acct] = await sql<{ id: string; code: string; name: string; type: AccountType }[]>`
    select id, code, name, type from ledger.accounts where code = ${account} or role = ${account}`;
  if (!acct) throw new ErpError('not-found', 'UNKNOWN_ACCOUNT', `unknown account "${account}"`);
  const sign = isDebitNormal(acct.type) ? 1 : -1;
  const opening = await sql<{ currency: string; net: string }[]>`
    select e.currency, sum(l.debit - l.credit) as net
    from ledger.journal_lines l join ledger.journal_entries e on e.id = l.entry_id
    where l.account_id = ${acct.id} and ${range.from ?? null}::date is not null
      and e.txn_date < ${range.from ?? null}::date
    group by e.currency`;
  const lines = await sql<
    {
      entry_id: string;
      number: string;
      txn_date: string;
      currency: string;
      source: string;
      memo: string | null;
      description: string | null;
      debit: string;
      credit: string;
    }[]
  >`select e.id as entry_id, e.number, e.txn_date::text, e.currency, e.source, e.memo,
      l.description, l.debit, l.credit
    from ledger.journal_lines l join ledger.journal_entries e on e.id = l.entry_id
    where l.account_id = ${acct.id}
      and (${range.from ?? null}::date is null or e.txn_date >= ${range.from ?? null}::date)
      and (${range.to ?? null}::date is null or e.txn_date <= ${range.to ?? null}::date)
    order by e.txn_date, e.number, l.line_no`;
  const running = new Map(opening.map((o) => [o.currency, sign * toMinor(o.net)]));
  const openingBalances = Object.fromEntries(running);
  const entries = lines.map((l) => {
    const debit = toMinor(l.debit);
    const credit = toMinor(l.credit);
    const balance = (running.get(l.currency) ?? 0) + sign * (debit - credit);
    running.set(l.currency, balance);
    return {
      entryId: l.entry_id,
      number: toMinor(l.number),
      date: l.txn_date,
      currency: l.currency,
      source: l.source,
      memo: l.memo,
      description: l.description,
      debit,
      credit,
      balance,
    };
  });
  return {
    account: { code: acct.code, name: acct.name, type: acct.type },
    range,
    openingBalances,
    closingBalances: Object.fromEntries(running),
    lines: entries,
  };
}

/** Invoices with money still owed, oldest first, as of a date (days overdue from the due date). */
export async function openInvoices(sql: LedgerSql, asOf: string) {
  const rows = await sql<
    {
      id: string;
      external_ref: string;
      customer_ref: string;
      customer_name: string;
      currency: string;
      txn_date: string;
      due_date: string | null;
      total: string;
      open_balance: string;
      days_overdue: number | null;
    }[]
  >`select i.id, i.external_ref, c.external_ref as customer_ref, c.name as customer_name,
      i.currency, i.txn_date::text, i.due_date::text, i.total, i.open_balance,
      case when i.due_date < ${asOf}::date then (${asOf}::date - i.due_date) end as days_overdue
    from ledger.invoices i join ledger.customers c on c.id = i.customer_id
    where i.open_balance > 0 and i.txn_date <= ${asOf}::date
    order by i.txn_date, i.external_ref`;
  return {
    asOf,
    invoices: rows.map((r) => ({
      id: r.id,
      externalRef: r.external_ref,
      customerRef: r.customer_ref,
      customerName: r.customer_name,
      currency: r.currency,
      date: r.txn_date,
      dueDate: r.due_date,
      total: toMinor(r.total),
      openBalance: toMinor(r.open_balance),
      daysOverdue: r.days_overdue,
    })),
  };
}
