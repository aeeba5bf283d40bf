/**
 * The ledger's lists, one page at a time. Newest-first lists are ordered by creation time and
 * id (documents posted in one transaction share a creation time, the id breaks the tie); the
 * chart by code; journal entries by number. Each page reads one row more than it returns to know
 * whether another page follows, and hands back the cursor of its last row.
 *
 * @module
 */
import { z } from 'zod';
import type { Sql } from '../db/client';
import { CreatedKey, decodeCursor, encodeCursor } from './ledger-cursor';
import { toMinor } from './ledger-sql';

/** A page of a list: its rows and the cursor of the next page (null on the last one). */
export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

type Row = Record<string, unknown>;

/** Money columns come back from Postgres as strings; the API answers safe integers. */
export function numbers<T extends Row>(row: T, keys: readonly string[]): T {
  const out: Row = { ...row };
  for (const key of keys)
    if (out[key] !== null && out[key] !== undefined) out[key] = toMinor(out[key] as string);
  return out as T;
}

/** Cuts the extra row off and turns the last kept row's key into the next cursor. */
function page<T extends Row>(
  rows: readonly T[],
  limit: number,
  key: (row: T) => (string | number)[],
  clean: (row: T) => Row,
): Page<Row> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    rows: kept.map(clean),
    nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null,
  };
}

/** Drops the sort-key columns a query selected only to build the cursor. */
function withoutKey({ cursorMicros: _m, cursorId: _i, ...row }: Row): Row {
  return row;
}

/**
 * The `where` fragment of a newest-first list after `cursor`: rows created earlier, or at the
 * same instant with a smaller id. Creation time travels as exact microseconds since 1970.
 */
function createdBefore(sql: Sql, alias: string, cursor: string | undefined) {
  if (cursor === undefined) return sql`true`;
  const [micros, id] = decodeCursor(cursor, CreatedKey);
  const at = sql`timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond'`;
  return sql`(${sql(alias)}.created_at, ${sql(alias)}.id) < (${at}, ${id}::uuid)`;
}

/** Selected beside each row of a newest-first list: its sort key. */
function createdKey(sql: Sql, alias: string) {
  return sql`(extract(epoch from ${sql(alias)}.created_at) * 1000000)::bigint::text as "cursorMicros",
    ${sql(alias)}.id::text as "cursorId"`;
}

const keyOf = (row: Row) => [row.cursorMicros as string, row.cursorId as string];

/** Query of every list: how many rows, and where the previous page ended. */
export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}

/** The chart of accounts by code. */
export async function listAccounts(sql: Sql, q: PageQuery): Promise<Page<Row>> {
  const after =
    q.cursor === undefined ? null : decodeCursor(q.cursor, z.tuple([z.string().min(1)]))[0];
  const rows = await sql<Row[]>`
    select code, role, name, type from ledger.accounts
    where ${after === null ? sql`true` : sql`code > ${after}`}
    order by code limit ${q.limit + 1}`;
  return page(
    rows,
    q.limit,
    (r) => [r.code as string],
    (r) => r,
  );
}

/** Customers, newest first. */
export async function listCustomers(sql: Sql, q: PageQuery): Promise<Page<Row>> {
  const rows = await sql<Row[]>`
    select c.id, c.external_ref as "externalRef", c.name, c.email,
      c.shopify_customer_id as "shopifyCustomerId", c.paytrace_customer_id as "paytraceCustomerId",
      c.created_at as "createdAt", ${createdKey(sql, 'c')}
    from ledger.customers c where ${createdBefore(sql, 'c', q.cursor)}
    order by c.created_at desc, c.id desc limit ${q.limit + 1}`;
  return page(rows, q.limit, keyOf, (r) => {
    const row = withoutKey(r);
    // The driver gives a Date or, in some query modes, the timestamp's text.
    return { ...row, createdAt: new Date(row.createdAt as Date | string).toISOString() };
  });
}

/** Invoices, newest first: all, those still owed (`open`) or those paid. */
export async function listInvoices(
  sql: Sql,
  q: PageQuery & { status: 'open' | 'paid' | 'all' },
): Promise<Page<Row>> {
  const status =
    q.status === 'open'
      ? sql`i.open_balance > 0`
      : q.status === 'paid'
        ? sql`i.open_balance = 0`
        : sql`true`;
  const rows = await sql<Row[]>`
    select i.id, i.external_ref as "externalRef", c.external_ref as "customerRef",
      i.currency, i.txn_date::text as date, i.due_date::text as "dueDate", i.total,
      i.open_balance as "openBalance", ${createdKey(sql, 'i')}
    from ledger.invoices i join ledger.customers c on c.id = i.customer_id
    where ${status} and ${createdBefore(sql, 'i', q.cursor)}
    order by i.created_at desc, i.id desc limit ${q.limit + 1}`;
  return page(rows, q.limit, keyOf, (r) => numbers(withoutKey(r), ['total', 'openBalance']));
}

/** Payments, newest first. */
export async function listPayments(sql: Sql, q: PageQuery): Promise<Page<Row>> {
  const rows = await sql<Row[]>`
    select p.id, p.external_ref as "externalRef", i.external_ref as "invoiceRef", p.currency,
      p.amount, p.txn_date::text as date, ${createdKey(sql, 'p')}
    from ledger.payments p join ledger.invoices i on i.id = p.invoice_id
    where ${createdBefore(sql, 'p', q.cursor)}
    order by p.created_at desc, p.id desc limit ${q.limit + 1}`;
  return page(rows, q.limit, keyOf, (r) => numbers(withoutKey(r), ['amount']));
}

/** Credit memos and their refunds, newest first. */
export async function listCreditMemos(sql: Sql, q: PageQuery): Promise<Page<Row>> {
  const rows = await sql<Row[]>`
    select m.id, m.external_ref as "externalRef", i.external_ref as "invoiceRef", m.currency,
      m.total, m.applied, m.refunded, m.txn_date::text as date, ${createdKey(sql, 'm')}
    from ledger.credit_memos m left join ledger.invoices i on i.id = m.invoice_id
    where ${createdBefore(sql, 'm', q.cursor)}
    order by m.created_at desc, m.id desc limit ${q.limit + 1}`;
  return page(rows, q.limit, keyOf, (r) =>
    numbers(withoutKey(r), ['total', 'applied', 'refunded']),
  );
}

/** Chargeback cases, newest first, optionally of one status. */
export async function listDisputes(
  sql: Sql,
  q: PageQuery & { status?: string | undefined },
): Promise<Page<Row>> {
  const rows = await sql<Row[]>`
    select d.id, d.external_ref as "externalRef", d.transaction_ref as "transactionRef",
      d.currency, d.amount, d.reason, d.status, d.opened_on::text as "openedOn",
      d.evidence_due_by::text as "evidenceDueBy", ${createdKey(sql, 'd')}
    from ledger.disputes d
    where ${q.status ? sql`d.status = ${q.status}` : sql`true`}
      and ${createdBefore(sql, 'd', q.cursor)}
    order by d.created_at desc, d.id desc limit ${q.limit + 1}`;
  return page(rows, q.limit, keyOf, (r) => numbers(withoutKey(r), ['amount']));
}

/**
 * Journal entries in a date range, newest (highest number) first. `before` (an entry number)
 * is the older way to page and still works; `cursor` is the same key, opaque.
 */
export async function listJournalEntries(
  sql: Sql,
  q: PageQuery & {
    from?: string | undefined;
    to?: string | undefined;
    before?: number | undefined;
  },
): Promise<Page<Row>> {
  const fromCursor =
    q.cursor === undefined ? null : decodeCursor(q.cursor, z.tuple([z.int().positive()]))[0];
  const before = fromCursor ?? q.before ?? null;
  const rows = await sql<Row[]>`
    select e.id, e.number, e.external_ref as "externalRef", e.source, e.currency,
      e.txn_date::text as date, e.memo, e.reverses_id as "reversesId",
      (select sum(debit) from ledger.journal_lines l where l.entry_id = e.id) as total
    from ledger.journal_entries e
    where (${q.from ?? null}::date is null or e.txn_date >= ${q.from ?? null}::date)
      and (${q.to ?? null}::date is null or e.txn_date <= ${q.to ?? null}::date)
      and (${before}::bigint is null or e.number < ${before}::bigint)
    order by e.number desc limit ${q.limit + 1}`;
  return page(
    rows,
    q.limit,
    (r) => [toMinor(r.number as string)],
    (r) => numbers(r, ['number', 'total']),
  );
}
