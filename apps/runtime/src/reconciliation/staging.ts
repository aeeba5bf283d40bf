/**
 * Staging what a reconciliation fetched: PayTrace batches and their settled transactions, and
 * Shopify orders. Rows go in as JSON record sets (`jsonb_to_recordset`), a few statements per day
 * however many transactions it has.
 *
 * @module
 */
import type {
  ShopifyDayCoverage,
  StagedBatch,
  StagedShopifyOrder,
  StagedTransaction,
} from '@paybridge/nodes/reconcile/server';
import type { Sql } from '../db/client';

/** Rows per statement: keeps each array parameter well under the protocol's limits. */
const CHUNK = 50_000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Replaces the staged batches and their transactions (a day fetched again replaces what the
 * last fetch staged), keeping what was posted for each batch.
 */
export async function stageBatches(
  sql: Sql,
  connection: string,
  runId: string,
  batches: StagedBatch[],
  transactions: StagedTransaction[],
): Promise<void> {
  if (batches.length === 0) return;
  await sql.begin(async (tx) => {
    const batchRows = batches.map((b) => ({
      n: b.batchNumber,
      d: b.businessDate,
      c: b.closedAt,
      cur: b.currency,
      cnt: b.transactionCount,
      g: b.gross,
      r: b.refunds,
      net: b.net,
    }));
    const numbers = JSON.stringify(batches.map((b) => b.batchNumber));
    await tx`
      insert into reconciliation_batches (connection, batch_number, business_date, closed_at,
             currency, transaction_count, gross, refunds, net, run_id)
      select ${connection}, b.n, b.d, b.c, b.cur, b.cnt, b.g, b.r, b.net, ${runId}::uuid
        from jsonb_to_recordset(${JSON.stringify(batchRows)}::jsonb)
             as b(n bigint, d date, c timestamptz, cur text, cnt int, g bigint, r bigint,
                  net bigint)
      on conflict (connection, batch_number) do update
         set business_date = excluded.business_date, closed_at = excluded.closed_at,
             currency = excluded.currency, transaction_count = excluded.transaction_count,
             gross = excluded.gross, refunds = excluded.refunds, net = excluded.net,
             run_id = excluded.run_id, updated_at = now()`;
    await tx`
      delete from reconciliation_transactions
       where connection = ${connection}
         and batch_number in (select jsonb_array_elements_text(${numbers}::jsonb)::bigint)`;
    for (const rows of chunks(transactions)) {
      await tx`
        insert into reconciliation_transactions (connection, transaction_id, batch_number,
               business_date, kind, amount, currency, invoice_id, brand, fee_expected,
               fee_processor, settled_at)
        select ${connection}, t."transactionId", t."batchNumber", t."businessDate", t.kind,
               t.amount, t.currency, t."invoiceId", t.brand, t."feeExpected",
               t."feeProcessor", t."settledAt"
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               as t("transactionId" text, "batchNumber" bigint, "businessDate" date, kind text,
                    amount bigint, currency text, "invoiceId" text, brand text,
                    "feeExpected" bigint, "feeProcessor" bigint, "settledAt" timestamptz)
        on conflict (connection, transaction_id) do update
           set batch_number = excluded.batch_number, business_date = excluded.business_date,
               kind = excluded.kind, amount = excluded.amount, currency = excluded.currency,
               invoice_id = excluded.invoice_id, brand = excluded.brand,
               fee_expected = excluded.fee_expected, fee_processor = excluded.fee_processor,
               settled_at = excluded.settled_at`;
    }
    await tx`
      update reconciliation_batches b
         set fees_expected = f.expected, fees_processor = f.processor
        from (select batch_number, coalesce(sum(fee_expected), 0) as expected,
                     case when count(fee_processor) = count(*) and count(*) > 0
                          then sum(fee_processor) end as processor
                from reconciliation_transactions
               where connection = ${connection}
                 and batch_number in (select jsonb_array_elements_text(${numbers}::jsonb)::bigint)
               group by batch_number) f
       where b.connection = ${connection} and b.batch_number = f.batch_number`;
  });
}

/**
 * Stages a store's orders and records the days read completely, in one transaction: a copy
 * with an older Shopify `updatedAt` never replaces a newer one (two runs of the same store at
 * once), and a copy as old as the staged one keeps a transaction id the other lacks (a
 * metafield write may leave `updatedAt` as it was). A day's watermark only moves forward.
 */
export async function stageShopifyOrders(
  sql: Sql,
  connection: string,
  orders: StagedShopifyOrder[],
  covered?: { shop: string; days: string[]; readAt: string },
): Promise<void> {
  await sql.begin(async (tx) => {
    for (const rows of chunks(orders)) {
      await tx`
        insert into reconciliation_shopify_orders as s (connection, order_id, name,
               transaction_id, amount, currency, created_at, updated_at)
        select ${connection}, o."orderId", o.name, o."transactionId", o.amount, o.currency,
               o."createdAt", o."updatedAt"
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               as o("orderId" text, name text, "transactionId" text, amount bigint, currency text,
                    "createdAt" timestamptz, "updatedAt" timestamptz)
        on conflict (connection, order_id) do update
           set name = excluded.name,
               transaction_id = case when excluded.updated_at = s.updated_at
                                     then coalesce(excluded.transaction_id, s.transaction_id)
                                     else excluded.transaction_id end,
               amount = excluded.amount, currency = excluded.currency,
               created_at = excluded.created_at,
               updated_at = coalesce(excluded.updated_at, s.updated_at)
         where s.updated_at is null or excluded.updated_at is null
            or excluded.updated_at >= s.updated_at`;
    }
    if (covered && covered.days.length > 0) {
      await tx`
        insert into reconciliation_shopify_coverage as c (connection, day, shop, read_at)
        select ${connection}, d::date, ${covered.shop}, ${covered.readAt}::timestamptz
          from jsonb_array_elements_text(${JSON.stringify(covered.days)}::jsonb) as d
        on conflict (connection, day) do update
           set shop = excluded.shop,
               read_at = case when c.shop = excluded.shop
                              then greatest(c.read_at, excluded.read_at)
                              else excluded.read_at end`;
    }
  });
}

/** The days of `[from, to]` read completely through the connection from `shop`, and when. */
export async function shopifyCoverage(
  sql: Sql,
  connection: string,
  shop: string,
  from: string,
  to: string,
): Promise<ShopifyDayCoverage[]> {
  const rows = await sql<{ day: string; read_at: Date | string }[]>`
    select day::text as day, read_at from reconciliation_shopify_coverage
     where connection = ${connection} and shop = ${shop}
       and day between ${from}::date and ${to}::date
     order by day`;
  return rows.map((r) => ({ day: r.day, readAt: new Date(r.read_at).toISOString() }));
}

/** Ids of the store's staged orders processed in `[fromIso, toIso)` without a transaction id. */
export async function shopifyOrdersWithoutTransaction(
  sql: Sql,
  connection: string,
  fromIso: string,
  toIso: string,
): Promise<string[]> {
  const rows = await sql<{ order_id: string }[]>`
    select order_id from reconciliation_shopify_orders
     where connection = ${connection} and transaction_id is null
       and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
     order by order_id`;
  return rows.map((r) => r.order_id);
}
