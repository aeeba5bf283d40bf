/**
 * The chargeback case store: one row per processor case number, whichever channel reported it
 * first, with its timeline and evidence packet. Nodes reach it through the `DisputeCases` port
 * ({@link createDisputeCases}); the Disputes API reads it through the queries below. The one
 * home of the cases' SQL.
 *
 * @module
 */
import {
  caseKeyOf,
  erpRefOf,
  type CaseEntry,
  type CaseSnapshot,
  type DisputeCases,
  type DisputeNotice,
  type EvidencePacket,
} from '@paybridge/nodes/definitions';
import { canMoveDispute, type DisputeStatus } from '@paybridge/nodes/erp';
import { z } from 'zod';
import type { Sql } from '../db/client';
import { decodeCursor, encodeCursor } from '../ledger/ledger-cursor';

interface CaseRow {
  id: string;
  case_key: string;
  processor: string;
  case_number: string;
  kind: string;
  channels: string[];
  status: DisputeStatus;
  amount_minor: string;
  currency: string;
  reason_code: string | null;
  reason: string | null;
  order_ref: string | null;
  order_name: string | null;
  transaction_id: string | null;
  card_last4: string | null;
  opened_on: string;
  evidence_due_by: string | null;
  erp_ref: string;
  has_packet: boolean;
  updated_at: Date;
}

const COLUMNS = (sql: Sql) => sql`
  id, case_key, processor, case_number, kind, channels, status, amount_minor::text, currency,
  reason_code, reason, order_ref, order_name, transaction_id, card_last4, opened_on::text,
  evidence_due_by::text, erp_ref, packet_at is not null as has_packet, updated_at`;

/** A case as the API and the nodes see it. */
export interface DisputeCase {
  id: string;
  caseKey: string;
  processor: string;
  caseNumber: string;
  kind: string;
  channels: string[];
  status: DisputeStatus;
  amount: number;
  currency: string;
  reasonCode: string | null;
  reason: string | null;
  orderRef: string | null;
  orderName: string | null;
  transactionId: string | null;
  cardLast4: string | null;
  openedOn: string;
  evidenceDueBy: string | null;
  erpRef: string;
  hasPacket: boolean;
  updatedAt: string;
}

function toCase(r: CaseRow): DisputeCase {
  return {
    id: r.id,
    caseKey: r.case_key,
    processor: r.processor,
    caseNumber: r.case_number,
    kind: r.kind,
    channels: r.channels,
    status: r.status,
    amount: Number(r.amount_minor),
    currency: r.currency,
    reasonCode: r.reason_code,
    reason: r.reason,
    orderRef: r.order_ref,
    orderName: r.order_name,
    transactionId: r.transaction_id,
    cardLast4: r.card_last4,
    openedOn: r.opened_on,
    evidenceDueBy: r.evidence_due_by,
    erpRef: r.erp_ref,
    hasPacket: r.has_packet,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function snapshot(c: DisputeCase): CaseSnapshot {
  return {
    id: c.id,
    caseKey: c.caseKey,
    erpRef: c.erpRef,
    status: c.status,
    channels: c.channels,
    orderRef: c.orderRef,
    orderName: c.orderName,
    amount: c.amount,
    currency: c.currency,
    evidenceDueBy: c.evidenceDueBy,
  };
}

const CHANNEL_WORDS: Record<string, string> = {
  shopify: 'Shopify dispute webhook',
  'processor-notice': 'processor notification',
  report: 'chargeback report import',
};

async function readCase(sql: Sql, key: string, lock = false): Promise<DisputeCase | null> {
  const [row] = await sql<CaseRow[]>`
    select ${COLUMNS(sql)} from dispute_cases where case_key = ${key}
    ${lock ? sql`for update` : sql``}`;
  return row ? toCase(row) : null;
}

async function addEntry(
  sql: Sql,
  caseId: string,
  entry: CaseEntry,
  runId: string | null,
): Promise<void> {
  await sql`
    insert into dispute_case_events (case_id, kind, channel, summary, run_id, detail)
    values (${caseId}, ${entry.kind}, ${entry.channel ?? null}, ${entry.summary}, ${runId},
      ${entry.detail ? JSON.stringify(entry.detail) : null}::jsonb)`;
}

/**
 * Records one report of a case under a row lock of its key: the first report inserts (`open`),
 * a later one with a status the case may move to updates (`update`), anything else only adds
 * its channel and a timeline entry (`none`). Fields a channel did not know (the order, the due
 * date) are filled in by whichever channel knows them.
 */
export async function admitNotice(
  pool: Sql,
  notice: DisputeNotice,
  runId: string | null,
): Promise<{
  action: 'open' | 'update' | 'none';
  previousStatus: DisputeStatus | null;
  case: DisputeCase;
}> {
  const key = caseKeyOf(notice);
  return pool.begin(async (tx) => {
    const sql = tx as unknown as Sql;
    if (runId !== null) {
      // The same step executed again (a retry, a crash before its checkpoint): same answer.
      const [earlier] = await sql<
        { action: 'open' | 'update' | 'none'; previous: DisputeStatus | null }[]
      >`
        select e.detail->>'action' as action, e.detail->>'previousStatus' as previous
        from dispute_case_events e join dispute_cases c on c.id = e.case_id
        where c.case_key = ${key} and e.run_id = ${runId} and e.kind = 'intake'
        order by e.id limit 1`;
      if (earlier?.action) {
        return {
          action: earlier.action,
          previousStatus: earlier.previous,
          case: (await readCase(sql, key))!,
        };
      }
    }
    const inserted = await sql<{ id: string }[]>`
      insert into dispute_cases (case_key, processor, case_number, kind, channels, status,
        amount_minor, currency, reason_code, reason, order_ref, transaction_id, card_last4,
        opened_on, evidence_due_by, erp_ref)
      values (${key}, ${notice.processor}, ${notice.caseNumber}, ${notice.kind},
        ${sql.array([notice.channel])}, ${notice.status}, ${notice.amount}, ${notice.currency},
        ${notice.reasonCode}, ${notice.reason}, ${notice.orderRef}, ${notice.transactionId},
        ${notice.cardLast4}, ${notice.openedOn}, ${notice.evidenceDueBy}, ${erpRefOf(notice)})
      on conflict (case_key) do nothing
      returning id`;
    const words = CHANNEL_WORDS[notice.channel] ?? notice.channel;
    if (inserted.length > 0) {
      await addEntry(
        sql,
        inserted[0]!.id,
        {
          kind: 'intake',
          channel: notice.channel,
          summary: `Opened from the ${words}: ${notice.kind} ${notice.caseNumber}, status ${notice.status}`,
          detail: { notice, action: 'open', previousStatus: null },
        },
        runId,
      );
      return { action: 'open', previousStatus: null, case: (await readCase(sql, key))! };
    }
    const current = (await readCase(sql, key, true))!;
    const moves = current.status !== notice.status && canMoveDispute(current.status, notice.status);
    await sql`
      update dispute_cases set
        channels = case when ${notice.channel} = any(channels) then channels
          else array_append(channels, ${notice.channel}) end,
        status = ${moves ? notice.status : current.status},
        order_ref = coalesce(order_ref, ${notice.orderRef}),
        transaction_id = coalesce(transaction_id, ${notice.transactionId}),
        card_last4 = coalesce(card_last4, ${notice.cardLast4}),
        reason_code = coalesce(reason_code, ${notice.reasonCode}),
        reason = coalesce(reason, ${notice.reason}),
        evidence_due_by = coalesce(evidence_due_by, ${notice.evidenceDueBy}),
        updated_at = now()
      where id = ${current.id}`;
    await addEntry(
      sql,
      current.id,
      {
        kind: 'intake',
        channel: notice.channel,
        summary: moves
          ? `Status ${current.status} -> ${notice.status} from the ${words}`
          : `Reported again by the ${words} (status ${notice.status}); nothing changes`,
        detail: { notice, action: moves ? 'update' : 'none', previousStatus: current.status },
      },
      runId,
    );
    return {
      action: moves ? 'update' : 'none',
      previousStatus: current.status,
      case: (await readCase(sql, key))!,
    };
  });
}

/** The case store as the dispute nodes use it. */
export function createDisputeCases(sql: Sql): DisputeCases {
  return {
    async admit(notice, runId) {
      const result = await admitNotice(sql, notice, runId);
      return { ...result, case: snapshot(result.case) };
    },
    async record(caseKey, entry, runId) {
      const found = await readCase(sql, caseKey);
      if (found) await addEntry(sql, found.id, entry, runId);
    },
    async storePacket(caseKey, packet: EvidencePacket, pdf, runId) {
      const [row] = await sql<{ id: string }[]>`
        update dispute_cases set packet_json = ${JSON.stringify(packet)}::jsonb,
          packet_pdf = ${Buffer.from(pdf)}, packet_at = now(),
          order_name = coalesce(${packet.order?.name ?? null}, order_name),
          order_ref = coalesce(order_ref, ${packet.order?.id ?? null}), updated_at = now()
        where case_key = ${caseKey} returning id`;
      if (row) {
        await addEntry(
          sql,
          row.id,
          { kind: 'packet', summary: `Evidence packet assembled (${pdf.byteLength} bytes PDF)` },
          runId,
        );
      }
    },
    async find(caseKey) {
      const found = await readCase(sql, caseKey);
      return found ? snapshot(found) : null;
    },
  };
}

/** Filters of the case list. */
export interface CaseFilters {
  status?: DisputeStatus[] | undefined;
  dueBefore?: string | undefined;
  q?: string | undefined;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

/**
 * A case's place in the list: its deadline (`infinity` when it has none, so those come last),
 * opening day and id. The cursor of a page is the key of its last case.
 */
const CaseKey = z.tuple([z.union([z.iso.date(), z.literal('infinity')]), z.iso.date(), z.uuid()]);
const SORT_KEY = (sql: Sql) => sql`(coalesce(evidence_due_by, 'infinity'::date), opened_on, id)`;

/**
 * Cases by evidence due date (soonest first, cases without one last), filtered, one page at a
 * time: a page starts strictly after the previous page's last case, so cases added meanwhile
 * never repeat or skip one. `total` counts every matching case, across pages.
 */
export async function listCases(
  sql: Sql,
  f: CaseFilters,
): Promise<{ cases: DisputeCase[]; total: number; nextCursor: string | null }> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const where = sql`
    where true
    ${f.status && f.status.length > 0 ? sql`and status in ${sql(f.status)}` : sql``}
    ${f.dueBefore ? sql`and evidence_due_by < ${f.dueBefore}` : sql``}
    ${
      like
        ? sql`and (case_number ilike ${like} or coalesce(order_name, '') ilike ${like}
            or coalesce(order_ref, '') ilike ${like} or coalesce(reason_code, '') ilike ${like}
            or coalesce(reason, '') ilike ${like} or coalesce(transaction_id, '') ilike ${like})`
        : sql``
    }`;
  const after = f.cursor === undefined ? null : decodeCursor(f.cursor, CaseKey);
  const rows = await sql<CaseRow[]>`
    select ${COLUMNS(sql)} from dispute_cases ${where}
    ${after ? sql`and ${SORT_KEY(sql)} > (${after[0]}::date, ${after[1]}::date, ${after[2]}::uuid)` : sql``}
    order by ${SORT_KEY(sql)} limit ${f.limit + 1}`;
  const [count] = await sql<
    { n: string }[]
  >`select count(*)::text as n from dispute_cases ${where}`;
  const cases = rows.slice(0, f.limit).map(toCase);
  const last = cases[cases.length - 1];
  return {
    cases,
    total: Number(count!.n),
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor([last.evidenceDueBy ?? 'infinity', last.openedOn, last.id])
        : null,
  };
}

/** One case by id, or null. */
export async function findCase(sql: Sql, id: string): Promise<DisputeCase | null> {
  const [row] = await sql<CaseRow[]>`select ${COLUMNS(sql)} from dispute_cases where id = ${id}`;
  return row ? toCase(row) : null;
}

/** One case by its processor and case number, or null. */
export function findCaseByKey(sql: Sql, key: string): Promise<DisputeCase | null> {
  return readCase(sql, key);
}

/** A case's timeline entries, oldest first. */
export async function caseTimeline(sql: Sql, id: string) {
  const rows = await sql<
    { at: Date; kind: string; channel: string | null; summary: string; run_id: string | null }[]
  >`select at, kind, channel, summary, run_id from dispute_case_events
    where case_id = ${id} order by at, id`;
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    channel: r.channel,
    summary: r.summary,
    runId: r.run_id,
  }));
}

/** The runs that acted on a case, with their status, oldest first. */
export async function caseRuns(sql: Sql, id: string) {
  const rows = await sql<{ id: string; status: string; flow_id: string; created_at: Date }[]>`
    select r.id, r.status, r.flow_id, r.created_at from runs r
    where r.id in (select run_id from dispute_case_events where case_id = ${id} and run_id is not null)
    order by r.created_at`;
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    flowId: r.flow_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The built-in ledger's journal entries of a case (opening to the chargeback reserve, release
 * when won, write-off when lost). Empty when the case lives in QuickBooks.
 */
export async function casePostings(sql: Sql, erpRef: string) {
  const rows = await sql<
    {
      journal_id: string;
      entry_date: string;
      memo: string | null;
      kind: string;
      amount: string;
      currency: string;
    }[]
  >`
    select j.id as journal_id, j.txn_date::text as entry_date, j.memo,
      case when j.id = d.open_journal_id then 'open' else d.status end as kind,
      d.amount::text, d.currency
    from ledger.disputes d
    join ledger.journal_entries j on j.id in (d.open_journal_id, d.close_journal_id)
    where d.external_ref = ${erpRef}
    order by j.posted_at`;
  return rows.map((r) => ({
    journalId: r.journal_id,
    date: r.entry_date,
    memo: r.memo,
    kind: r.kind,
    amount: Number(r.amount),
    currency: r.currency,
  }));
}

/** A case's evidence packet (JSON and PDF), or null when none was assembled yet. */
export async function casePacket(
  sql: Sql,
  id: string,
): Promise<{ json: EvidencePacket; pdf: Buffer; caseNumber: string } | null> {
  const [row] = await sql<
    { packet_json: EvidencePacket | null; packet_pdf: Buffer | null; case_number: string }[]
  >`
    select packet_json, packet_pdf, case_number from dispute_cases where id = ${id}`;
  if (!row?.packet_json || !row.packet_pdf) return null;
  return { json: row.packet_json, pdf: row.packet_pdf, caseNumber: row.case_number };
}

/** Where a month's settled card transactions were counted from. */
export type RatioVolumeSource = 'settlement' | 'ledger' | 'mixed';

/**
 * Chargebacks per calendar month (by the date the case was opened) beside the month's settled
 * card transactions, last `months` months up to `today`'s. The issue's ratio is disputes over
 * settled card transactions, so the days settlement reconciliation staged (any day with a
 * PayTrace batch) count PayTrace's settled sales; the other days fall back to the payments booked
 * in the built-in ledger (empty when another ERP books them). `source` says which a month used:
 * `settlement` for reconciled days only, `ledger` for none reconciled, `mixed` when ledger
 * payments of unreconciled days were added to the settled sales.
 */
export async function monthlyRatio(sql: Sql, months: number, today: string) {
  const rows = await sql<
    {
      month: string;
      disputes: number;
      settled: number;
      booked: number;
      reconciled_days: number;
    }[]
  >`
    with m as (
      select d::date as first, (d + interval '1 month')::date as next,
             to_char(d, 'YYYY-MM') as month
        from generate_series(date_trunc('month', ${today}::date) - make_interval(months => ${months - 1}),
          date_trunc('month', ${today}::date), interval '1 month') d
    ),
    reconciled as (
      select distinct b.business_date from reconciliation_batches b
       where b.business_date >= (select min(first) from m)
         and b.business_date < (select max(next) from m)
    )
    select m.month,
      (select count(*) from dispute_cases c
        where c.kind = 'chargeback' and c.opened_on >= m.first and c.opened_on < m.next)::int
        as disputes,
      (select count(*) from reconciliation_transactions t
        where t.kind = 'sale' and t.business_date >= m.first and t.business_date < m.next)::int
        as settled,
      (select count(*) from ledger.payments p
        where p.txn_date >= m.first and p.txn_date < m.next
          and p.txn_date not in (select business_date from reconciled))::int as booked,
      (select count(*) from reconciled r
        where r.business_date >= m.first and r.business_date < m.next)::int as reconciled_days
    from m order by m.month`;
  return rows.map((r) => {
    const transactions = r.settled + r.booked;
    const source: RatioVolumeSource =
      r.reconciled_days === 0 ? 'ledger' : r.booked > 0 ? 'mixed' : 'settlement';
    return {
      month: r.month,
      disputes: r.disputes,
      transactions,
      source,
      ratio: transactions > 0 ? r.disputes / transactions : null,
    };
  });
}
