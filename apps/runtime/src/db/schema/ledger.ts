import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type ExtraConfigColumn,
} from 'drizzle-orm/pg-core';

/**
 * The built-in ledger: a double-entry book in its own schema, the ERP of every user without one
 * (and of every demo and test). Amounts are bigint minor units with an ISO 4217 code beside
 * them. Documents are unique on their external reference, so a replayed run finds the first
 * posting instead of making a second; journal lines are immutable (see the `ledger_guards`
 * migration) and every entry balances when its transaction commits.
 */
export const ledger = pgSchema('ledger');

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();
/**
 * The PayTrace id a document's external reference names (`paytrace-<id>`, `paytrace-<id>-<suffix>`
 * or a bare reference), through the SQL function that is the rule's one home (migration 0028).
 */
const PAYTRACE_REF = sql`"public"."paytrace_ref_of"("external_ref")`;
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The index of a list read newest first, page by page (`ledger-lists.ts`). */
const newestFirst = (name: string, t: { createdAt: ExtraConfigColumn; id: ExtraConfigColumn }) =>
  index(name).on(t.createdAt.desc(), t.id.desc());

/** Chart of accounts; `role` ties an account to what documents post (see DEFAULT_CHART). */
export const ledgerAccounts = ledger.table('accounts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull().unique(),
  role: text('role').unique(),
  name: text('name').notNull(),
  type: text('type').$type<'asset' | 'liability' | 'equity' | 'income' | 'expense'>().notNull(),
  createdAt: createdAt(),
});

export const ledgerCustomers = ledger.table(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalRef: text('external_ref').notNull().unique(),
    name: text('name').notNull(),
    email: text('email'),
    shopifyCustomerId: text('shopify_customer_id'),
    paytraceCustomerId: text('paytrace_customer_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [newestFirst('ledger_customers_created_idx', t)],
);

/**
 * Journal entries. Document postings point here; manual entries carry their own external
 * reference. An entry is never changed: a correction is a reversal entry (`reverses_id`).
 */
export const ledgerJournalEntries = ledger.table(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigserial('number', { mode: 'number' }).notNull().unique(),
    externalRef: text('external_ref').unique(),
    fingerprint: text('fingerprint'),
    /** What posted it: journal, invoice, payment, credit-memo, refund, dispute, reversal. */
    source: text('source').notNull(),
    currency: text('currency').notNull(),
    txnDate: date('txn_date', { mode: 'string' }).notNull(),
    memo: text('memo'),
    reversesId: uuid('reverses_id').unique(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_journal_entries_date_idx').on(t.txnDate)],
);

export const ledgerJournalLines = ledger.table(
  'journal_lines',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => ledgerJournalEntries.id),
    lineNo: integer('line_no').notNull(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerAccounts.id),
    debit: money('debit'),
    credit: money('credit'),
    description: text('description'),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.lineNo] }),
    index('ledger_journal_lines_account_idx').on(t.accountId),
    check(
      'ledger_journal_lines_one_side',
      sql`(${t.debit} > 0 and ${t.credit} = 0) or (${t.credit} > 0 and ${t.debit} = 0)`,
    ),
  ],
);

export const ledgerInvoices = ledger.table(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalRef: text('external_ref').notNull().unique(),
    fingerprint: text('fingerprint').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => ledgerCustomers.id),
    currency: text('currency').notNull(),
    txnDate: date('txn_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    subtotal: money('subtotal'),
    tax: money('tax'),
    shipping: money('shipping'),
    discount: money('discount'),
    total: money('total'),
    openBalance: money('open_balance'),
    memo: text('memo'),
    /** Null only for a zero invoice (a free order), which moves no money. */
    journalId: uuid('journal_id').references(() => ledgerJournalEntries.id),
    createdAt: createdAt(),
  },
  (t) => [
    newestFirst('ledger_invoices_created_idx', t),
    index('ledger_invoices_open_idx')
      .on(t.txnDate)
      .where(sql`${t.openBalance} > 0`),
    check(
      'ledger_invoices_total',
      sql`${t.total} = ${t.subtotal} + ${t.tax} + ${t.shipping} - ${t.discount}`,
    ),
    check('ledger_invoices_balance', sql`${t.openBalance} between 0 and ${t.total}`),
  ],
);

/** Priced lines of invoices and credit memos (`document_id` is either). */
export const ledgerDocumentLines = ledger.table(
  'document_lines',
  {
    documentId: uuid('document_id').notNull(),
    lineNo: integer('line_no').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitAmount: money('unit_amount'),
    amount: money('amount'),
    sku: text('sku'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.lineNo] }),
    check('ledger_document_lines_amount', sql`${t.amount} = ${t.quantity} * ${t.unitAmount}`),
  ],
);

export const ledgerPayments = ledger.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalRef: text('external_ref').notNull().unique(),
    /** The PayTrace transaction the reference names, for reconciliation (migrations 0026, 0028). */
    paytraceRef: text('paytrace_ref').generatedAlwaysAs(PAYTRACE_REF),
    fingerprint: text('fingerprint').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => ledgerInvoices.id),
    currency: text('currency').notNull(),
    amount: money('amount'),
    txnDate: date('txn_date', { mode: 'string' }).notNull(),
    memo: text('memo'),
    journalId: uuid('journal_id')
      .notNull()
      .references(() => ledgerJournalEntries.id),
    createdAt: createdAt(),
  },
  (t) => [
    newestFirst('ledger_payments_created_idx', t),
    index('ledger_payments_invoice_idx').on(t.invoiceId),
    // A reconciliation reads a day's window of documents (migration 0026).
    index('ledger_payments_txn_date_idx').on(t.txnDate),
    index('ledger_payments_paytrace_ref_idx').on(t.paytraceRef),
    check('ledger_payments_positive', sql`${t.amount} > 0`),
  ],
);

export const ledgerCreditMemos = ledger.table(
  'credit_memos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalRef: text('external_ref').notNull().unique(),
    /** The PayTrace transaction the reference names, for reconciliation (migrations 0026, 0028). */
    paytraceRef: text('paytrace_ref').generatedAlwaysAs(PAYTRACE_REF),
    fingerprint: text('fingerprint').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => ledgerCustomers.id),
    invoiceId: uuid('invoice_id').references(() => ledgerInvoices.id),
    currency: text('currency').notNull(),
    txnDate: date('txn_date', { mode: 'string' }).notNull(),
    subtotal: money('subtotal'),
    tax: money('tax'),
    shipping: money('shipping'),
    discount: money('discount'),
    total: money('total'),
    applied: money('applied'),
    refunded: money('refunded'),
    memo: text('memo'),
    /** Null only for a zero credit memo. */
    journalId: uuid('journal_id').references(() => ledgerJournalEntries.id),
    refundJournalId: uuid('refund_journal_id').references(() => ledgerJournalEntries.id),
    createdAt: createdAt(),
  },
  (t) => [
    newestFirst('ledger_credit_memos_created_idx', t),
    index('ledger_credit_memos_txn_date_idx').on(t.txnDate),
    index('ledger_credit_memos_paytrace_ref_idx').on(t.paytraceRef),
    check(
      'ledger_credit_memos_split',
      sql`${t.applied} >= 0 and ${t.refunded} >= 0 and ${t.applied} + ${t.refunded} <= ${t.total}`,
    ),
  ],
);

export const ledgerDisputes = ledger.table(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalRef: text('external_ref').notNull().unique(),
    fingerprint: text('fingerprint').notNull(),
    customerId: uuid('customer_id').references(() => ledgerCustomers.id),
    invoiceId: uuid('invoice_id').references(() => ledgerInvoices.id),
    transactionRef: text('transaction_ref'),
    currency: text('currency').notNull(),
    amount: money('amount'),
    reason: text('reason').notNull(),
    status: text('status')
      .$type<'open' | 'evidence_submitted' | 'won' | 'lost'>()
      .notNull()
      .default('open'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    evidenceDueBy: date('evidence_due_by', { mode: 'string' }),
    memo: text('memo'),
    openJournalId: uuid('open_journal_id')
      .notNull()
      .references(() => ledgerJournalEntries.id),
    closeJournalId: uuid('close_journal_id').references(() => ledgerJournalEntries.id),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    newestFirst('ledger_disputes_created_idx', t),
    index('ledger_disputes_status_idx').on(t.status),
    check('ledger_disputes_positive', sql`${t.amount} > 0`),
    uniqueIndex('ledger_disputes_close_uq').on(t.closeJournalId),
  ],
);
