import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const amount = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

/** Bank statements imported for the deposit match; their lines are deduplicated per account. */
export const reconciliationStatements = pgTable(
  'reconciliation_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    account: text('account').notNull().default('default'),
    filename: text('filename'),
    format: text('format').$type<'csv' | 'ofx' | 'camt053'>().notNull(),
    lineCount: integer('line_count').notNull().default(0),
    importedAt: at('imported_at').notNull().defaultNow(),
    importedBy: text('imported_by'),
  },
  (t) => [check('reconciliation_statements_format', sql`${t.format} in ('csv','ofx','camt053')`)],
);

/** One bank line (credits positive, minor units); re-importing a statement adds nothing. */
export const reconciliationBankLines = pgTable(
  'reconciliation_bank_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => reconciliationStatements.id, { onDelete: 'cascade' }),
    account: text('account').notNull().default('default'),
    bookedOn: day('booked_on').notNull(),
    amount: amount('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    reference: text('reference').notNull().default(''),
    description: text('description').notNull().default(''),
    lineHash: text('line_hash').notNull(),
  },
  (t) => [
    unique('reconciliation_bank_lines_account_hash_uq').on(t.account, t.lineHash),
    index('reconciliation_bank_lines_day_idx').on(t.account, t.bookedOn),
  ],
);

/** One reconciliation of a date range (scheduled or on demand), with its progress. */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connection: text('connection').notNull().default(''),
    flowId: uuid('flow_id'),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date').notNull(),
    status: text('status')
      .$type<'queued' | 'running' | 'succeeded' | 'failed'>()
      .notNull()
      .default('queued'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    flowRunId: uuid('flow_run_id'),
    requestedBy: text('requested_by'),
    summary: jsonb('summary'),
    error: text('error'),
    createdAt: at('created_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    check(
      'reconciliation_runs_status',
      sql`${t.status} in ('queued','running','succeeded','failed')`,
    ),
    check('reconciliation_runs_range', sql`${t.fromDate} <= ${t.toDate}`),
    index('reconciliation_runs_created_idx').on(t.createdAt),
  ],
);

/** PayTrace settlement batches as fetched, what was expected of them and what was posted. */
export const reconciliationBatches = pgTable(
  'reconciliation_batches',
  {
    connection: text('connection').notNull(),
    batchNumber: amount('batch_number').notNull(),
    businessDate: day('business_date').notNull(),
    closedAt: at('closed_at'),
    currency: char('currency', { length: 3 }).notNull(),
    transactionCount: integer('transaction_count').notNull().default(0),
    gross: amount('gross').notNull().default(0),
    refunds: amount('refunds').notNull().default(0),
    net: amount('net').notNull().default(0),
    feesExpected: amount('fees_expected').notNull().default(0),
    feesProcessor: amount('fees_processor'),
    depositAmount: amount('deposit_amount'),
    depositLineId: uuid('deposit_line_id'),
    journalRef: text('journal_ref'),
    journalId: text('journal_id'),
    postedAt: at('posted_at'),
    runId: uuid('run_id'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'reconciliation_batches_pk', columns: [t.connection, t.batchNumber] }),
    index('reconciliation_batches_day_idx').on(t.connection, t.businessDate),
  ],
);

/** Settled PayTrace transactions staged for set-based matching. */
export const reconciliationTransactions = pgTable(
  'reconciliation_transactions',
  {
    connection: text('connection').notNull(),
    transactionId: text('transaction_id').notNull(),
    batchNumber: amount('batch_number').notNull(),
    businessDate: day('business_date').notNull(),
    kind: text('kind').$type<'sale' | 'refund'>().notNull(),
    amount: amount('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    invoiceId: text('invoice_id').notNull().default(''),
    brand: text('brand').notNull().default(''),
    feeExpected: amount('fee_expected').notNull().default(0),
    feeProcessor: amount('fee_processor'),
    settledAt: at('settled_at'),
  },
  (t) => [
    primaryKey({
      name: 'reconciliation_transactions_pk',
      columns: [t.connection, t.transactionId],
    }),
    check('reconciliation_transactions_kind', sql`${t.kind} in ('sale','refund')`),
    check('reconciliation_transactions_amount', sql`${t.amount} >= 0`),
    index('reconciliation_transactions_day_idx').on(t.connection, t.businessDate),
    index('reconciliation_transactions_invoice_idx').on(t.connection, t.invoiceId, t.amount),
    index('reconciliation_transactions_batch_idx').on(t.connection, t.batchNumber),
  ],
);

/** Shopify orders of the reconciled days with their PayTrace transaction id metafield. */
export const reconciliationShopifyOrders = pgTable(
  'reconciliation_shopify_orders',
  {
    connection: text('connection').notNull(),
    orderId: text('order_id').notNull(),
    name: text('name').notNull().default(''),
    transactionId: text('transaction_id'),
    amount: amount('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** The order's `processedAt` (the day it counts for). */
    createdAt: at('created_at').notNull(),
    /** Shopify's `updatedAt` of the copy staged; null for copies staged before it was kept. */
    updatedAt: at('updated_at'),
  },
  (t) => [
    primaryKey({ name: 'reconciliation_shopify_orders_pk', columns: [t.connection, t.orderId] }),
    index('reconciliation_shopify_orders_tx_idx').on(t.transactionId),
    index('reconciliation_shopify_orders_processed_idx').on(t.connection, t.createdAt),
  ],
);

/**
 * Which UTC days of `processed_at` a store's orders were read completely for, and when the last
 * complete read of each began: the next run reads only what changed since.
 */
export const reconciliationShopifyCoverage = pgTable(
  'reconciliation_shopify_coverage',
  {
    connection: text('connection').notNull(),
    day: day('day').notNull(),
    /** The store read (domain and API address): another store's coverage does not count. */
    shop: text('shop').notNull(),
    readAt: at('read_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'reconciliation_shopify_coverage_pk', columns: [t.connection, t.day] }),
  ],
);

/** Every difference found, once per business fact; resolved by an operator with a note. */
export const reconciliationItems = pgTable(
  'reconciliation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connection: text('connection').notNull(),
    itemKey: text('item_key').notNull(),
    businessDate: day('business_date').notNull(),
    batchNumber: amount('batch_number'),
    kind: text('kind').notNull(),
    transactionId: text('transaction_id'),
    invoiceId: text('invoice_id'),
    erpRef: text('erp_ref'),
    expected: amount('expected'),
    actual: amount('actual'),
    currency: char('currency', { length: 3 }).notNull(),
    detail: text('detail').notNull().default(''),
    status: text('status').$type<'open' | 'resolved'>().notNull().default('open'),
    note: text('note'),
    resolvedBy: text('resolved_by'),
    resolvedAt: at('resolved_at'),
    documentRef: text('document_ref'),
    runId: uuid('run_id'),
    flowRunId: uuid('flow_run_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('reconciliation_items_key_uq').on(t.connection, t.itemKey),
    check('reconciliation_items_status', sql`${t.status} in ('open','resolved')`),
    check(
      'reconciliation_items_kind',
      sql`${t.kind} in ('not_booked','not_settled','amount_mismatch','refund_without_credit_memo','duplicate_booking','fee_difference','deposit_missing','deposit_short','not_in_shopify')`,
    ),
    index('reconciliation_items_day_idx').on(t.businessDate, t.kind, t.status),
    index('reconciliation_items_batch_idx').on(t.connection, t.batchNumber),
  ],
);

/** Per-day totals side by side, rewritten by each reconciliation of the day. */
export const reconciliationDays = pgTable(
  'reconciliation_days',
  {
    connection: text('connection').notNull(),
    businessDate: day('business_date').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    paytraceGross: amount('paytrace_gross').notNull().default(0),
    paytraceRefunds: amount('paytrace_refunds').notNull().default(0),
    paytraceNet: amount('paytrace_net').notNull().default(0),
    fees: amount('fees').notNull().default(0),
    erpPayments: amount('erp_payments').notNull().default(0),
    erpCreditMemos: amount('erp_credit_memos').notNull().default(0),
    shopifyPaid: amount('shopify_paid'),
    bankDeposit: amount('bank_deposit'),
    variance: amount('variance').notNull().default(0),
    openItems: integer('open_items').notNull().default(0),
    batchCount: integer('batch_count').notNull().default(0),
    runId: uuid('run_id'),
    flowRunId: uuid('flow_run_id'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'reconciliation_days_pk', columns: [t.connection, t.businessDate] }),
    index('reconciliation_days_date_idx').on(t.businessDate),
  ],
);
