/**
 * Reading what reconciliations found: days, batches, items, runs, and resolving items. The SQL
 * home of the `/api/reconciliation` routes.
 *
 * @module
 */
import type { Sql } from '../db/client';
import type {
  ReconciliationBatch,
  ReconciliationDay,
  ReconciliationItem,
  ReconciliationRun,
} from './api-schemas';

/** A timestamp column as ISO 8601 (the runtime's pool returns them as text, others as Dates). */
const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();
const isoNow = (d: Date | string): string => new Date(d).toISOString();
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

interface DayRow {
  connection: string;
  business_date: string;
  currency: string;
  paytrace_gross: string;
  paytrace_refunds: string;
  paytrace_net: string;
  fees: string;
  erp_payments: string;
  erp_credit_memos: string;
  shopify_paid: string | null;
  bank_deposit: string | null;
  variance: string;
  open_items: number;
  batch_count: number;
  run_id: string | null;
  flow_run_id: string | null;
  updated_at: Date | string;
}

function dayOf(r: DayRow): ReconciliationDay {
  return {
    connection: r.connection,
    date: r.business_date,
    currency: r.currency.trim(),
    paytrace: {
      gross: Number(r.paytrace_gross),
      refunds: Number(r.paytrace_refunds),
      net: Number(r.paytrace_net),
      fees: Number(r.fees),
    },
    erp: { payments: Number(r.erp_payments), creditMemos: Number(r.erp_credit_memos) },
    shopifyPaid: num(r.shopify_paid),
    bankDeposit: num(r.bank_deposit),
    variance: Number(r.variance),
    openItems: r.open_items,
    batchCount: r.batch_count,
    runId: r.run_id,
    flowRunId: r.flow_run_id,
    updatedAt: isoNow(r.updated_at),
  };
}

/** Days reconciled in a date range, newest first, with open items counted now. */
export async function listDays(
  sql: Sql,
  range: { from: string; to: string; connection?: string | undefined },
): Promise<ReconciliationDay[]> {
  const rows = await sql<DayRow[]>`
    select d.connection, d.business_date::text as business_date, d.currency,
           d.paytrace_gross, d.paytrace_refunds, d.paytrace_net, d.fees, d.erp_payments,
           d.erp_credit_memos, d.shopify_paid, d.bank_deposit, d.variance, d.batch_count,
           d.run_id, d.flow_run_id, d.updated_at,
           (select count(*)::int from reconciliation_items i
             where i.connection = d.connection and i.business_date = d.business_date
               and i.status = 'open') as open_items
      from reconciliation_days d
     where d.business_date between ${range.from}::date and ${range.to}::date
       and (${range.connection ?? null}::text is null or d.connection = ${range.connection ?? null})
     order by d.business_date desc, d.connection`;
  return rows.map(dayOf);
}

interface BatchRow {
  connection: string;
  batch_number: string;
  business_date: string;
  closed_at: Date | string | null;
  currency: string;
  transaction_count: number;
  gross: string;
  refunds: string;
  net: string;
  fees_expected: string;
  fees_processor: string | null;
  deposit_amount: string | null;
  journal_ref: string | null;
  journal_id: string | null;
  posted_at: Date | string | null;
  open_items: number;
}

function batchOf(r: BatchRow): ReconciliationBatch {
  const fees = Number(r.fees_processor ?? r.fees_expected);
  return {
    connection: r.connection,
    batchNumber: Number(r.batch_number),
    date: r.business_date,
    closedAt: iso(r.closed_at),
    currency: r.currency.trim(),
    transactionCount: r.transaction_count,
    gross: Number(r.gross),
    refunds: Number(r.refunds),
    net: Number(r.net),
    feesExpected: Number(r.fees_expected),
    feesProcessor: num(r.fees_processor),
    expectedDeposit: Number(r.net) - fees,
    deposit: num(r.deposit_amount),
    journalRef: r.journal_ref,
    journalId: r.journal_id,
    postedAt: iso(r.posted_at),
    openItems: r.open_items,
  };
}

/** One day with its batches; null when the day was never reconciled. */
export async function dayDetail(
  sql: Sql,
  date: string,
  connection?: string,
): Promise<{ day: ReconciliationDay; batches: ReconciliationBatch[] } | null> {
  const days = await listDays(sql, { from: date, to: date, connection });
  const day = days[0];
  if (!day) return null;
  const rows = await sql<BatchRow[]>`
    select b.connection, b.batch_number, b.business_date::text as business_date, b.closed_at,
           b.currency, b.transaction_count, b.gross, b.refunds, b.net, b.fees_expected,
           b.fees_processor, b.deposit_amount, b.journal_ref, b.journal_id, b.posted_at,
           (select count(*)::int from reconciliation_items i
             where i.connection = b.connection and i.batch_number = b.batch_number
               and i.status = 'open') as open_items
      from reconciliation_batches b
     where b.business_date = ${date}::date
       and (${connection ?? null}::text is null or b.connection = ${connection ?? null})
     order by b.batch_number`;
  return { day, batches: rows.map(batchOf) };
}

interface ItemRow {
  id: string;
  connection: string;
  business_date: string;
  batch_number: string | null;
  kind: ReconciliationItem['kind'];
  transaction_id: string | null;
  invoice_id: string | null;
  erp_ref: string | null;
  expected: string | null;
  actual: string | null;
  currency: string;
  detail: string;
  status: 'open' | 'resolved';
  note: string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  document_ref: string | null;
  run_id: string | null;
  flow_run_id: string | null;
  created_at: Date | string;
}

function itemOf(r: ItemRow): ReconciliationItem {
  return {
    id: r.id,
    connection: r.connection,
    date: r.business_date,
    batchNumber: num(r.batch_number),
    kind: r.kind,
    transactionId: r.transaction_id,
    invoiceId: r.invoice_id,
    erpRef: r.erp_ref,
    expected: num(r.expected),
    actual: num(r.actual),
    currency: r.currency.trim(),
    detail: r.detail,
    status: r.status,
    note: r.note,
    resolvedBy: r.resolved_by,
    resolvedAt: iso(r.resolved_at),
    documentRef: r.document_ref,
    runId: r.run_id,
    flowRunId: r.flow_run_id,
    createdAt: isoNow(r.created_at),
  };
}

const ITEM_COLUMNS = `id, connection, business_date::text as business_date, batch_number, kind,
  transaction_id, invoice_id, erp_ref, expected, actual, currency, detail, status, note,
  resolved_by, resolved_at, document_ref, run_id, flow_run_id, created_at`;

/** Which items to list. */
export interface ItemQuery {
  from: string | null;
  to: string | null;
  batch: number | null;
  kind: string | null;
  status: string | null;
  connection: string | null;
  /** Keyset: items after this (kind, id). */
  after: { kind: string; id: string } | null;
  limit: number;
}

/** Items of a day range / batch, by kind then id, with counts by kind over the whole filter. */
export async function listItems(
  sql: Sql,
  q: ItemQuery,
): Promise<{ items: ReconciliationItem[]; counts: Record<string, number> }> {
  const where = () => sql`
    (${q.from}::date is null or business_date >= ${q.from}::date)
    and (${q.to}::date is null or business_date <= ${q.to}::date)
    and (${q.batch}::bigint is null or batch_number = ${q.batch}::bigint)
    and (${q.status}::text is null or status = ${q.status})
    and (${q.connection}::text is null or connection = ${q.connection})`;
  // The page and the counts by kind are read at once, on two connections of the pool.
  const [rows, counts] = await Promise.all([
    sql<ItemRow[]>`
    select ${sql.unsafe(ITEM_COLUMNS)} from reconciliation_items
     where ${where()}
       and (${q.kind}::text is null or kind = ${q.kind})
       and (${q.after?.kind ?? null}::text is null
            or (kind, id) > (${q.after?.kind ?? null}::text, ${q.after?.id ?? null}::uuid))
     order by kind, id
     limit ${q.limit}`,
    sql<{ kind: string; n: number }[]>`
    select kind, count(*)::int as n from reconciliation_items where ${where()} group by kind`,
  ]);
  return {
    items: rows.map(itemOf),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c.n])),
  };
}

/** One item, or null. */
export async function findItem(sql: Sql, id: string): Promise<ReconciliationItem | null> {
  const rows = await sql<ItemRow[]>`
    select ${sql.unsafe(ITEM_COLUMNS)} from reconciliation_items where id = ${id}`;
  return rows[0] ? itemOf(rows[0]) : null;
}

/**
 * Resolves an item with a note. Resolving a resolved item again keeps the first resolution
 * (answers it unchanged), so a double click records one resolution.
 */
export async function resolveItem(
  sql: Sql,
  id: string,
  note: string,
  by: string,
  documentRef: string | null = null,
): Promise<{ item: ReconciliationItem; changed: boolean } | null> {
  const rows = await sql<ItemRow[]>`
    update reconciliation_items
       set status = 'resolved', note = ${note}, resolved_by = ${by}, resolved_at = now(),
           document_ref = coalesce(${documentRef}, document_ref), updated_at = now()
     where id = ${id} and status = 'open'
    returning ${sql.unsafe(ITEM_COLUMNS)}`;
  if (rows[0]) return { item: itemOf(rows[0]), changed: true };
  const item = await findItem(sql, id);
  return item ? { item, changed: false } : null;
}

interface RunRow {
  id: string;
  connection: string;
  flow_id: string | null;
  flow_run_id: string | null;
  from_date: string;
  to_date: string;
  status: ReconciliationRun['status'];
  done: number;
  total: number;
  summary: Record<string, unknown> | null;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

/** A reconciliation run with its progress, or null. */
export async function findRun(sql: Sql, id: string): Promise<ReconciliationRun | null> {
  const rows = await sql<RunRow[]>`
    select id, connection, flow_id, flow_run_id, from_date::text as from_date,
           to_date::text as to_date, status, done, total, summary, error, created_at, finished_at
      from reconciliation_runs where id = ${id}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    connection: r.connection,
    flowId: r.flow_id,
    flowRunId: r.flow_run_id,
    from: r.from_date,
    to: r.to_date,
    status: r.status,
    done: r.done,
    total: r.total,
    summary: r.summary,
    error: r.error,
    createdAt: isoNow(r.created_at),
    finishedAt: iso(r.finished_at),
  };
}

/** Creates a queued run for a date range asked for by a person; answers its id. */
export async function createQueuedRun(
  sql: Sql,
  input: { flowId: string; from: string; to: string; requestedBy: string },
): Promise<string> {
  const rows = await sql<{ id: string }[]>`
    insert into reconciliation_runs (flow_id, from_date, to_date, requested_by)
    values (${input.flowId}, ${input.from}::date, ${input.to}::date, ${input.requestedBy})
    returning id`;
  return rows[0]!.id;
}

/** Links a queued run to the flow run that performs it. */
export async function linkFlowRun(sql: Sql, id: string, flowRunId: string): Promise<void> {
  await sql`update reconciliation_runs set flow_run_id = ${flowRunId} where id = ${id}`;
}

/** Marks a run failed that could not be started. */
export async function failRun(sql: Sql, id: string, error: string): Promise<void> {
  await sql`
    update reconciliation_runs set status = 'failed', error = ${error}, finished_at = now()
     where id = ${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An opaque cursor of the items list (the last item's kind and id). */
export function encodeItemCursor(item: { kind: string; id: string }): string {
  return Buffer.from(JSON.stringify(['i', item.kind, item.id])).toString('base64url');
}

/** The position an items cursor holds, or null when it is not one. */
export function decodeItemCursor(cursor: string): { kind: string; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'i') return null;
    const [, kind, id] = parsed as [string, unknown, unknown];
    if (typeof kind !== 'string' || kind.length > 40) return null;
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    return { kind, id };
  } catch {
    return null;
  }
}

/**
 * A day's whole report (totals, batches and every item), as the CSV and PDF exports print it;
 * null when the day was never reconciled. Both exports read it here so they cannot disagree.
 */
export async function dayReport(
  sql: Sql,
  date: string,
  connection?: string,
): Promise<{
  day: ReconciliationDay;
  batches: ReconciliationBatch[];
  items: ReconciliationItem[];
} | null> {
  // Totals and items are read at once; the items of a day never reconciled are a few wasted
  // rows at most.
  const [detail, { items }] = await Promise.all([
    dayDetail(sql, date, connection),
    listItems(sql, {
      from: date,
      to: date,
      batch: null,
      kind: null,
      status: null,
      connection: connection ?? null,
      after: null,
      limit: 100_000,
    }),
  ]);
  if (!detail) return null;
  return { ...detail, items };
}
