/**
 * Staging what a reconciliation fetched: PayTrace batches and their settled transactions, and
 * Shopify orders. Rows go in as column arrays through `unnest`, a few statements per day
 * however many transactions it has.
 *
 * @module
 */
import type {
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
    await tx`
      insert into reconciliation_batches (connection, batch_number, business_date, closed_at,
             currency, transaction_count, gross, refunds, net, run_id)
      select ${connection}, b.n, b.d, b.c, b.cur, b.cnt, b.g, b.r, b.net, ${runId}::uuid
        from unnest(${batches.map((b) => b.batchNumber)}::bigint[],
                    ${batches.map((b) => b.businessDate)}::date[],
                    ${batches.map((b) => b.closedAt)}::timestamptz[],
                    ${batches.map((b) => b.currency)}::text[],
                    ${batches.map((b) => b.transactionCount)}::int[],
                    ${batches.map((b) => b.gross)}::bigint[],
                    ${batches.map((b) => b.refunds)}::bigint[],
                    ${batches.map((b) => b.net)}::bigint[])
             as b(n, d, c, cur, cnt, g, r, net)
      on conflict (connection, batch_number) do update
         set business_date = excluded.business_date, closed_at = excluded.closed_at,
             currency = excluded.currency, transaction_count = excluded.transaction_count,
             gross = excluded.gross, refunds = excluded.refunds, net = excluded.net,
             run_id = excluded.run_id, updated_at = now()`;
    await tx`
      delete from reconciliation_transactions
       where connection = ${connection}
         and batch_number = any(${batches.map((b) => b.batchNumber)}::bigint[])`;
    for (const rows of chunks(transactions)) {
      await tx`
        insert into reconciliation_transactions (connection, transaction_id, batch_number,
               business_date, kind, amount, currency, invoice_id, brand, fee_expected,
               fee_processor, settled_at)
        select ${connection}, t.*
          from unnest(${rows.map((r) => r.transactionId)}::text[],
                      ${rows.map((r) => r.batchNumber)}::bigint[],
                      ${rows.map((r) => r.businessDate)}::date[],
                      ${rows.map((r) => r.kind)}::text[],
                      ${rows.map((r) => r.amount)}::bigint[],
                      ${rows.map((r) => r.currency)}::text[],
                      ${rows.map((r) => r.invoiceId)}::text[],
                      ${rows.map((r) => r.brand)}::text[],
                      ${rows.map((r) => r.feeExpected)}::bigint[],
                      ${rows.map((r) => r.feeProcessor)}::bigint[],
                      ${rows.map((r) => r.settledAt)}::timestamptz[])
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
                 and batch_number = any(${batches.map((b) => b.batchNumber)}::bigint[])
               group by batch_number) f
       where b.connection = ${connection} and b.batch_number = f.batch_number`;
  });
}

/** Stages Shopify orders (the latest read of an order replaces the earlier one). */
export async function stageShopifyOrders(
  sql: Sql,
  connection: string,
  orders: StagedShopifyOrder[],
): Promise<void> {
  for (const rows of chunks(orders)) {
    await sql`
      insert into reconciliation_shopify_orders (connection, order_id, name, transaction_id,
             amount, currency, created_at)
      select ${connection}, o.*
        from unnest(${rows.map((r) => r.orderId)}::text[],
                    ${rows.map((r) => r.name)}::text[],
                    ${rows.map((r) => r.transactionId)}::text[],
                    ${rows.map((r) => r.amount)}::bigint[],
                    ${rows.map((r) => r.currency)}::text[],
                    ${rows.map((r) => r.createdAt)}::timestamptz[])
      on conflict (connection, order_id) do update
         set name = excluded.name, transaction_id = excluded.transaction_id,
             amount = excluded.amount, currency = excluded.currency`;
  }
}
