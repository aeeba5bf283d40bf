/**
 * Matching one day, set-based in SQL (a handful of statements whatever the day's size): the
 * day's settled PayTrace transactions against the ERP's payments and credit memos (the built-in
 * ledger's tables, or a remote ERP's documents of the window staged beside them),
 * the staged Shopify orders and the bank statement lines, every difference classified by kind
 * and written once per business fact (`item_key`), and the day's totals side by side.
 *
 * Matching, in order:
 * 1. by reference: an ERP document whose external reference names the PayTrace transaction
 *    (`paytrace-<id>` as the posting nodes write it, `paytrace-<id>-<suffix>`, or the bare id);
 *    a second document for the same transaction is a duplicate booking, a different amount an
 *    amount mismatch;
 * 2. then, for transactions still unmatched, by invoice and amount against ERP documents whose
 *    reference names no staged transaction, paired one to one; a further document on an invoice
 *    and amount already matched is a duplicate booking;
 * 3. what is left is not booked (a sale), a refund without credit memo (a refund), or, on the ERP
 *    side, booked but not settled once it is older than N days;
 * 4. fees the processor reported against the fee schedule; Shopify orders by the transaction id
 *    they carry; each batch's expected deposit (net minus fees) against the bank lines of its
 *    date window.
 *
 * Items found again keep their status (a resolved item stays resolved); open items of the day
 * that a later run no longer finds are resolved by that run.
 *
 * @module
 */
import {
  ERP_LOOKAHEAD_DAYS,
  ERP_LOOKBACK_DAYS,
  type DayResult,
  type MatchOptions,
} from '@paybridge/nodes/reconcile/server';
import type { DiscrepancyKind } from '@paybridge/nodes/reconcile';
import { availableParallelism } from 'node:os';
import type { Sql } from '../db/client';

export { ERP_LOOKAHEAD_DAYS, ERP_LOOKBACK_DAYS };

/** Workers for a parallel join beside its leader: one per core besides the leader's. */
const PARALLEL_WORKERS = Math.max(1, availableParallelism() - 1);

/**
 * Matches one day (see the module comment) in one transaction. Only differences are
 * materialised (temp tables dropped at commit): the matched majority costs one hash join.
 */
export async function matchDay(sql: Sql, o: MatchOptions): Promise<DayResult> {
  const documents = o.documents ?? null;
  if (o.erp !== 'built-in' && documents === null) {
    throw new Error(`Matching against the ${o.erp} ERP needs its documents of the window`);
  }
  const c = o.connection;
  const d = o.day;
  const from = `${d}`;
  return sql.begin(async (tx) => {
    // The day's hash joins and aggregates fit in memory instead of spilling to disk; see step 1
    // for the cost of a row passed between processes (reset after that statement); and a
    // parallel join's leader works too, so more workers than the other cores only take turns
    // with it (on two cores, two workers made the day's join slower and its time erratic).
    await tx`select set_config('work_mem', '128MB', true),
                    set_config('parallel_tuple_cost', '0.001', true),
                    set_config('max_parallel_workers_per_gather',
                               least(current_setting('max_parallel_workers_per_gather')::int,
                                     ${PARALLEL_WORKERS})::text, true)`;
    // The ERP documents of the day's window, by the PayTrace reference derived from each
    // document's external reference (`paytrace_ref_of`, migration 0028), from one of two sources
    // with the same columns: the built-in ledger's tables (a stored column, read without
    // parsing), or a remote ERP's documents staged here for this transaction.
    // `invoice_id` names a ledger invoice, `invoice_ref` a remote ERP's invoice reference.
    let docs;
    const lo = o.notSettledAfterDays + ERP_LOOKBACK_DAYS;
    if (documents === null) {
      docs = tx`
      select 'sale'::text as kind, p.external_ref, p.paytrace_ref, p.amount, p.txn_date,
             p.invoice_id, null::text as invoice_ref
        from ledger.payments p
       where p.txn_date between ${from}::date - ${lo}::int
                            and ${from}::date + ${ERP_LOOKAHEAD_DAYS}::int
      union all
      select 'refund', m.external_ref, m.paytrace_ref, m.total, m.txn_date, m.invoice_id, null
        from ledger.credit_memos m
       where m.txn_date between ${from}::date - ${lo}::int
                            and ${from}::date + ${ERP_LOOKAHEAD_DAYS}::int`;
    } else {
      await tx`
        create temp table erp_documents (
          kind text not null, external_ref text not null, paytrace_ref text not null,
          amount bigint not null, txn_date date not null, invoice_ref text)
        on commit drop`;
      await tx`
        insert into erp_documents
        select e.kind, e."externalRef", public.paytrace_ref_of(e."externalRef"), e.amount, e.date,
               e."invoiceRef"
          from jsonb_to_recordset(${JSON.stringify(documents)}::jsonb)
               as e(kind text, "externalRef" text, amount bigint, date date, "invoiceRef" text)`;
      // Documents of a reference are counted again by it (see step 1), as the ledger's are
      // through its `paytrace_ref` index.
      await tx`create index on erp_documents (paytrace_ref, kind)`;
      // A temporary table has no statistics until analysed (autovacuum never visits it).
      await tx`analyze erp_documents`;
      docs = tx`
      select e.kind, e.external_ref, e.paytrace_ref, e.amount, e.txn_date,
             null::uuid as invoice_id, e.invoice_ref
        from erp_documents e
       where e.txn_date between ${from}::date - ${lo}::int
                            and ${from}::date + ${ERP_LOOKAHEAD_DAYS}::int`;
    }
    // 1. By reference: one hash full join of the day's transactions with the window's documents
    //    (the same join as a plain match of the two, run in parallel where the planner can),
    //    keeping only the rows that differ: a side missing, another amount, another fee, or a
    //    document whose reference is not the `paytrace-<id>` a posting node writes. Those rows,
    //    a handful, become `x`: one row per transaction (with its documents counted), and one
    //    per document naming no transaction of its kind (`first_ref` its reference, `booked`
    //    its amount, `doc_*` what the later steps read of it), so no step reads the window's
    //    documents again.
    //
    //    A transaction booked twice is found without counting every document: external
    //    references are unique per table, so at most one document of a transaction is exactly
    //    `paytrace-<id>` and any second one has another form, which the join keeps. Only the
    //    transactions such a document names have their documents read again, by index: counted,
    //    and listed first booked first (`dup_refs`, `dup_amounts`).
    //
    //    A document is in that form exactly when its reference is 9 bytes (`paytrace-`) longer
    //    than the transaction id derived from it (`paytrace_ref_of` keeps a bare reference whole
    //    and cuts any suffix), which compares two lengths per row instead of building a string.
    //
    //    The planner cannot know the join keeps so few rows (it guesses most of them), and would
    //    rather run it in one process than pass them between processes: for this statement a
    //    row passed costs what it really does, about nothing (set above).
    const matched = tx`
      e as not materialized (${docs}),
      r as materialized (
        select t.transaction_id, t.kind, t.amount, t.batch_number, t.invoice_id, t.fee_expected,
               t.fee_processor, e.kind as doc_kind, e.paytrace_ref, e.amount as booked,
               e.external_ref, e.txn_date as doc_date, e.invoice_id as doc_invoice_id,
               e.invoice_ref as doc_invoice_ref,
               octet_length(e.external_ref) <> octet_length(e.paytrace_ref) + 9 as other_form
          from (select * from reconciliation_transactions
                 where connection = ${c} and business_date = ${from}::date) t
          full join e on e.paytrace_ref = t.transaction_id and e.kind = t.kind
         where t.transaction_id is null or e.paytrace_ref is null or e.amount <> t.amount
            or t.fee_processor <> t.fee_expected
            or octet_length(e.external_ref) <> octet_length(e.paytrace_ref) + 9),
      g as (
        select r.transaction_id, min(r.kind) as kind, min(r.amount) as amount,
               min(r.batch_number) as batch_number, min(r.invoice_id) as invoice_id,
               min(r.fee_expected) as fee_expected, min(r.fee_processor) as fee_processor,
               min(r.doc_kind) as doc_kind, min(r.paytrace_ref) as paytrace_ref,
               nullif(count(r.paytrace_ref), 0)::int as n, min(r.booked) as booked,
               min(r.external_ref) as first_ref, bool_or(r.other_form) as recount
          from r where r.transaction_id is not null
         group by r.transaction_id),
      y as (
        select g.transaction_id, g.kind, g.amount, g.batch_number, g.invoice_id,
               g.fee_expected, g.fee_processor, g.doc_kind, g.paytrace_ref,
               coalesce(a.n, g.n) as n, coalesce(a.booked, g.booked) as booked,
               coalesce(a.first_ref, g.first_ref) as first_ref, a.refs as dup_refs,
               a.amounts as dup_amounts
          from g
          left join lateral (
            select count(*)::int as n, min(d.amount) as booked, min(d.external_ref) as first_ref,
                   array_agg(d.external_ref order by d.txn_date, d.external_ref) as refs,
                   array_agg(d.amount order by d.txn_date, d.external_ref) as amounts
              from e d
             where g.recount and d.paytrace_ref = g.transaction_id and d.kind = g.kind) a
            on g.recount),
      x as materialized (
        select y.*, null::date as doc_date, null::uuid as doc_invoice_id,
               null::text as doc_invoice_ref
          from y
         where y.n is null or y.n > 1 or y.booked <> y.amount
            or y.fee_processor <> y.fee_expected
        union all
        select null, null, null, null, null, null, null, r.doc_kind, r.paytrace_ref, 1, r.booked,
               r.external_ref, null, null, r.doc_date, r.doc_invoice_id, r.doc_invoice_ref
          from r where r.transaction_id is null)`;
    // `found`: every difference of this run, keyed by its business fact (`item_key`); `delta` is
    // what it moves on the ERP side against PayTrace (for the day's totals), `side` which total.
    // One statement matches (`x` above) and writes every kind the matching finds (the shopify and
    // deposit checks below add theirs, of other kinds). Within it:
    // - `x_dup`: the documents of the transactions named more than once, first booked first;
    // - `e_free`: documents naming no staged transaction;
    // - 2. transactions without a document naming them, paired one to one with such a document
    //   on their invoice for the same amount (`m_inv`: `paired_tx`, and `paired` marks the
    //   document's reference);
    // - what is left: transactions not booked (or refunds without credit memo); further
    //   documents on the invoice and amount of a matched transaction of the day; and 3.
    //   documents older than N days that no staged transaction accounts for.
    await tx`
      create temp table found on commit drop as
      with ${matched},
      x_dup as (
        select x.transaction_id, x.kind, x.amount, x.batch_number, x.invoice_id, u.external_ref,
               u.booked, u.r
          from x
          cross join lateral unnest(x.dup_refs, x.dup_amounts)
                with ordinality as u(external_ref, booked, r)
         where x.n > 1),
      e_all as materialized (
        select x.doc_kind as kind, x.first_ref as external_ref, x.paytrace_ref,
               x.booked as amount, x.doc_date as txn_date,
               coalesce(x.doc_invoice_ref, i.external_ref) as invoice_ref
          from x
          left join ledger.invoices i on i.id = x.doc_invoice_id
         where x.transaction_id is null
           and not exists (select 1 from reconciliation_transactions r
                            where r.connection = ${c} and r.transaction_id = x.paytrace_ref)),
      t_open as (
        select x.transaction_id, x.kind, x.amount, x.invoice_id,
               row_number() over (partition by x.invoice_id, x.amount, x.kind
                                  order by x.transaction_id) as rn
          from x where x.transaction_id is not null and x.n is null and x.invoice_id <> ''),
      e_open as (
        select e.external_ref, e.kind, e.amount, e.invoice_ref,
               row_number() over (partition by e.invoice_ref, e.amount, e.kind
                                  order by e.txn_date, e.external_ref) as rn
          from e_all e where e.invoice_ref in (select invoice_id from t_open)),
      m_inv as (
        select t.transaction_id, e.kind, e.external_ref
          from t_open t join e_open e
            on e.invoice_ref = t.invoice_id and e.amount = t.amount and e.kind = t.kind
           and e.rn = t.rn),
      e_free as materialized (
        select e.*, m.transaction_id as paired_tx,
               e.external_ref in (select external_ref from m_inv) as paired
          from e_all e left join m_inv m on m.external_ref = e.external_ref and m.kind = e.kind),
      f (ord, item_key, kind, batch_number, transaction_id, invoice_id, erp_ref, expected, actual,
         detail, side, delta) as (
      select 1 as ord, 'duplicate_booking:' || d.external_ref, 'duplicate_booking', d.batch_number,
             d.transaction_id, d.invoice_id, d.external_ref, d.amount, d.booked,
             'Another ERP document for the same PayTrace transaction', d.kind, d.booked
        from x_dup d where d.r > 1
      union all
      select 2 as ord, 'amount_mismatch:' || x.transaction_id, 'amount_mismatch', x.batch_number,
             x.transaction_id, x.invoice_id,
             x.first_ref, x.amount, x.booked,
             'Booked for ' || x.booked || ', settled for ' || x.amount, x.kind,
             x.booked - x.amount
        from x
       where x.transaction_id is not null and x.n = 1 and x.booked <> x.amount
      union all
      select 3 as ord, 'fee_difference:' || x.transaction_id, 'fee_difference', x.batch_number,
             x.transaction_id, x.invoice_id, null, x.fee_expected, x.fee_processor,
             'Processor fee ' || x.fee_processor || ', schedule says ' || x.fee_expected,
             null, 0
        from x where x.transaction_id is not null and x.fee_processor <> x.fee_expected
      union all
      select 4 as ord, case x.kind when 'sale' then 'not_booked:' else 'refund_without_credit_memo:' end
               || x.transaction_id,
             case x.kind when 'sale' then 'not_booked' else 'refund_without_credit_memo' end,
             x.batch_number, x.transaction_id, x.invoice_id, null, x.amount, null,
             case x.kind when 'sale' then 'Settled at PayTrace, no ERP payment'
                         else 'Settled refund, no ERP credit memo' end,
             x.kind, -x.amount
        from x
       where x.transaction_id is not null and x.n is null
         and x.transaction_id not in (select paired_tx from e_free where paired_tx is not null)
      union all
      select 5 as ord, 'duplicate_booking:' || e.external_ref, 'duplicate_booking', t.batch_number,
             t.transaction_id, t.invoice_id, e.external_ref, t.amount, e.amount,
             'Another ERP document for the same invoice and amount', t.kind, e.amount
        from e_free e
        join lateral (select t.* from reconciliation_transactions t
                       where t.connection = ${c} and t.business_date = ${from}::date
                         and t.invoice_id = e.invoice_ref and t.amount = e.amount
                         and t.kind = e.kind
                       order by t.transaction_id limit 1) t on true
       where not e.paired
      union all
      select 6 as ord, 'not_settled:' || e.external_ref, 'not_settled', null, e.paytrace_ref,
             e.invoice_ref, e.external_ref, null, e.amount,
             'Booked on ' || e.txn_date || ', not settled at PayTrace', null, 0
        from e_free e
       where not e.paired and e.txn_date <= ${from}::date - ${o.notSettledAfterDays}::int
         and not exists (select 1 from reconciliation_transactions r
                          where r.connection = ${c} and r.invoice_id = e.invoice_ref
                            and r.amount = e.amount and r.kind = e.kind)
      )
      -- The first of two rows for one fact wins (a payment and a credit memo of one reference).
      select distinct on (item_key) item_key, kind, batch_number::bigint, transaction_id,
             invoice_id, erp_ref, expected::bigint, actual::bigint, detail, side, delta::bigint
        from f
       order by item_key, ord`;
    await tx`set local parallel_tuple_cost to default`;
    const shopify = o.shopifyConnection !== null;
    if (o.shopifyConnection !== null) {
      await tx`
        insert into found
        select 'not_in_shopify:' || t.transaction_id, 'not_in_shopify', t.batch_number,
               t.transaction_id, t.invoice_id, null, t.amount, null,
               'No Shopify order carries this PayTrace transaction', null, 0
          from reconciliation_transactions t
         where t.connection = ${c} and t.business_date = ${from}::date and t.kind = 'sale'
           and not exists (select 1 from reconciliation_shopify_orders s
                            where s.connection = ${o.shopifyConnection}
                              and s.transaction_id = t.transaction_id)`;
    }
    // 4. Deposits: each batch's net minus fees against the bank lines of its window.
    let depositsChecked = false;
    if (o.bankAccount !== null) {
      depositsChecked = await matchDeposits(tx as unknown as Sql, o);
    }
    const counts = await tx<{ kind: DiscrepancyKind; n: number }[]>`
      select kind, count(*)::int as n from found group by kind`;
    await tx`
      insert into reconciliation_items as i (connection, item_key, business_date, batch_number,
             kind, transaction_id, invoice_id, erp_ref, expected, actual, currency, detail,
             run_id, flow_run_id)
      select ${c}, f.item_key, ${d}::date, f.batch_number, f.kind, f.transaction_id,
             f.invoice_id, f.erp_ref, f.expected, f.actual,
             coalesce((select currency from reconciliation_batches
                        where connection = ${c} and business_date = ${d}::date limit 1), 'USD'),
             f.detail,
             ${o.runId}::uuid, ${o.flowRunId}::uuid
        from found f
       -- Items found again as they were are left alone before the insert, so their rows are not
       -- even locked (a conflict locks the row it meets, whether it updates it or not).
       where not exists (
         select 1 from reconciliation_items k
          where k.connection = ${c} and k.item_key = f.item_key
            and (k.expected, k.actual, k.detail, k.batch_number)
                is not distinct from (f.expected, f.actual, f.detail, f.batch_number))
      on conflict (connection, item_key) do update
         set expected = excluded.expected, actual = excluded.actual, detail = excluded.detail,
             batch_number = excluded.batch_number, run_id = excluded.run_id,
             flow_run_id = excluded.flow_run_id, updated_at = now()
       -- An item found again as it was keeps the run that found it and is not rewritten (a
       -- rewrite of every item would touch all the table's indexes on each run).
       where (i.expected, i.actual, i.detail, i.batch_number)
             is distinct from (excluded.expected, excluded.actual, excluded.detail,
                               excluded.batch_number)`;
    // Open items of the day this run no longer finds were fixed meanwhile.
    await tx`
      update reconciliation_items i
         set status = 'resolved', resolved_by = 'reconciliation', resolved_at = now(),
             note = 'No longer found by reconciliation run ' || ${o.runId}, updated_at = now()
       where i.connection = ${c} and i.business_date = ${d}::date and i.status = 'open'
         and (i.kind not in ('deposit_missing', 'deposit_short') or ${depositsChecked})
         and (i.kind <> 'not_in_shopify' or ${shopify})
         and (i.kind <> 'fee_difference' or ${o.processorFees})
         and not exists (select 1 from found f where f.item_key = i.item_key)`;
    const totals = await dayTotals(tx as unknown as Sql, o, depositsChecked);
    const batches = await tx<{ batch_number: string; fees: string }[]>`
      select batch_number, coalesce(fees_processor, fees_expected) as fees
        from reconciliation_batches
       where connection = ${c} and business_date = ${d}::date
       order by batch_number`;
    return {
      day: d,
      batches: batches.map((b) => ({ batchNumber: Number(b.batch_number), fees: Number(b.fees) })),
      counts: Object.fromEntries(counts.map((r) => [r.kind, r.n])),
      openItems: totals.openItems,
      variance: totals.variance,
    };
  });
}

/**
 * Deposits of the day's batches, checked once the account has statement lines from the batch's
 * day on (a later run, after more statements are imported, checks again). A line of exactly the
 * expected amount matches; else the batch's line is the one naming its number or, where the
 * bank's lines name no batches at all, the nearest unclaimed credit in the window; less than
 * expected is short; no line at all is missing. Answers whether any batch could be checked.
 */
async function matchDeposits(tx: Sql, o: MatchOptions): Promise<boolean> {
  const c = o.connection;
  const d = o.day;
  const w = o.depositWindowDays;
  await tx`
    create temp table b_day on commit drop as
    select b.batch_number, b.business_date,
           b.net - coalesce(b.fees_processor, b.fees_expected) as expected
      from reconciliation_batches b
     where b.connection = ${c} and b.business_date = ${d}::date
       and exists (select 1 from reconciliation_bank_lines l
                    where l.account = ${o.bankAccount} and l.booked_on >= b.business_date)`;
  const counted = await tx<{ n: number }[]>`select count(*)::int as n from b_day`;
  if ((counted[0]?.n ?? 0) === 0) return false;
  // Lines already claimed by batches of other days stay theirs.
  await tx`
    create temp table l_free on commit drop as
    select l.id, l.booked_on, l.amount, l.reference
      from reconciliation_bank_lines l
     where l.account = ${o.bankAccount} and l.amount > 0
       and l.booked_on between ${d}::date and ${d}::date + ${w}::int
       and not exists (select 1 from reconciliation_batches b
                        where b.deposit_line_id = l.id
                          and not (b.connection = ${c} and b.business_date = ${d}::date))`;
  // Exact amounts first, one line per batch.
  await tx`
    create temp table d_match on commit drop as
    with exact as (
      select b.batch_number, l.id, l.amount,
             row_number() over (partition by b.batch_number order by l.booked_on, l.id) as rb,
             row_number() over (partition by l.id order by b.batch_number) as rl
        from b_day b join l_free l on l.amount = b.expected and l.booked_on >= b.business_date)
    select batch_number, id, amount from exact where rb = 1 and rl = 1`;
  // Then the line naming the batch (its number in the reference).
  await tx`
    insert into d_match
    select distinct on (b.batch_number) b.batch_number, l.id, l.amount
      from b_day b join l_free l
        on l.booked_on >= b.business_date
       and l.reference ~ ('(^|[^0-9])' || b.batch_number || '([^0-9]|$)')
     where b.batch_number not in (select batch_number from d_match)
       and l.id not in (select id from d_match)
     order by b.batch_number, l.booked_on, l.id`;
  // Else, for banks whose lines carry no batch numbers, the nearest unclaimed line, one per
  // batch. Where the lines do name batches, a batch without its line has no deposit.
  const named = await tx<{ n: number }[]>`
    select count(*)::int as n from l_free l
     where exists (select 1 from b_day b
                    where l.reference ~ ('(^|[^0-9])' || b.batch_number || '([^0-9]|$)'))`;
  if ((named[0]?.n ?? 0) === 0)
    await tx`
    insert into d_match
    with candidate as (
      select b.batch_number, l.id, l.amount,
             row_number() over (partition by b.batch_number order by l.booked_on, l.id) as rb,
             row_number() over (partition by l.id order by b.batch_number) as rl
        from b_day b join l_free l on l.booked_on >= b.business_date
       where b.batch_number not in (select batch_number from d_match)
         and l.id not in (select id from d_match)
         and not exists (select 1 from b_day o
                          where l.reference ~ ('(^|[^0-9])' || o.batch_number || '([^0-9]|$)')))
    select batch_number, id, amount from candidate where rb = 1 and rl = 1`;
  await tx`
    update reconciliation_batches b
       set deposit_amount = m.amount, deposit_line_id = m.id
      from b_day x left join d_match m using (batch_number)
     where b.connection = ${c} and b.batch_number = x.batch_number`;
  await tx`
    insert into found
    select 'deposit_short:' || b.batch_number, 'deposit_short', b.batch_number, null, null,
           null, b.expected, m.amount,
           'The bank received ' || m.amount || ', the batch should deposit ' || b.expected,
           null, 0
      from b_day b join d_match m using (batch_number)
     where m.amount < b.expected
    union all
    select 'deposit_missing:' || b.batch_number, 'deposit_missing', b.batch_number, null, null,
           null, b.expected, null,
           'No bank line for the deposit within ' || ${w}::int || ' days', null, 0
      from b_day b
     where b.batch_number not in (select batch_number from d_match) and b.expected > 0`;
  return true;
}

/** Writes the day's totals side by side; answers the variance and the open items. */
async function dayTotals(tx: Sql, o: MatchOptions, depositsChecked: boolean) {
  const c = o.connection;
  const d = o.day;
  const rows = await tx<{ variance: string; open_items: number }[]>`
    with pt as (
      select coalesce(sum(gross), 0) as gross, coalesce(sum(refunds), 0) as refunds,
             coalesce(sum(coalesce(fees_processor, fees_expected)), 0) as fees,
             min(currency) as currency
        from reconciliation_batches where connection = ${c} and business_date = ${d}::date),
    -- The ERP's side is PayTrace's plus what each difference moves: a document missing, booked
    -- for another amount, or booked twice (documents matched exactly add what PayTrace says).
    erp as (
      select pt.gross + coalesce((select sum(delta) from found where side = 'sale'), 0)
               as payments,
             pt.refunds + coalesce((select sum(delta) from found where side = 'refund'), 0)
               as credit_memos
        from pt),
    shop as (
      select sum(s.amount) as paid
        from reconciliation_transactions t
        join reconciliation_shopify_orders s
          on s.connection = ${o.shopifyConnection} and s.transaction_id = t.transaction_id
       where ${o.shopifyConnection !== null} and t.connection = ${c} and t.business_date = ${d}::date
         and t.kind = 'sale'),
    bank as (
      select sum(deposit_amount) as deposit, count(*)::int as batches
        from reconciliation_batches where connection = ${c} and business_date = ${d}::date),
    open as (
      select count(*)::int as n from reconciliation_items
       where connection = ${c} and business_date = ${d}::date and status = 'open')
    insert into reconciliation_days as x (connection, business_date, currency, paytrace_gross,
           paytrace_refunds, paytrace_net, fees, erp_payments, erp_credit_memos, shopify_paid,
           bank_deposit, variance, open_items, batch_count, run_id, flow_run_id)
    select ${c}, ${d}::date, coalesce(pt.currency, 'USD'), pt.gross, pt.refunds,
           pt.gross - pt.refunds, pt.fees, erp.payments, erp.credit_memos,
           case when ${o.shopifyConnection !== null} then coalesce(shop.paid, 0) end,
           case when ${depositsChecked} then bank.deposit end,
           (pt.gross - pt.refunds) - (erp.payments - erp.credit_memos), open.n, bank.batches,
           ${o.runId}::uuid, ${o.flowRunId}::uuid
      from pt, erp, shop, bank, open
    on conflict (connection, business_date) do update
       set currency = excluded.currency, paytrace_gross = excluded.paytrace_gross,
           paytrace_refunds = excluded.paytrace_refunds, paytrace_net = excluded.paytrace_net,
           fees = excluded.fees, erp_payments = excluded.erp_payments,
           erp_credit_memos = excluded.erp_credit_memos, shopify_paid = excluded.shopify_paid,
           bank_deposit = excluded.bank_deposit, variance = excluded.variance,
           open_items = excluded.open_items, batch_count = excluded.batch_count,
           run_id = excluded.run_id, flow_run_id = excluded.flow_run_id, updated_at = now()
    returning variance, open_items`;
  const row = rows[0]!;
  return { variance: Number(row.variance), openItems: row.open_items };
}
