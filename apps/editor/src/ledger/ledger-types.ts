/**
 * Shapes of the ledger API's answers. The runtime declares these routes with an open JSON object
 * as their response schema, so the typed client cannot infer them; they are written down here
 * once, from `apps/runtime/src/ledger/ledger-routes.ts` and `reports.ts`, instead of being guessed
 * at every use. Money is integer minor units beside an ISO 4217 code.
 *
 * @module
 */
import type { AccountType } from '@paybridge/nodes/erp';

/** One account of the chart. */
export interface LedgerAccount {
  code: string;
  role: string | null;
  name: string;
  type: AccountType;
}

/** An invoice as listed. */
export interface InvoiceSummary {
  id: string;
  externalRef: string;
  customerRef: string;
  currency: string;
  date: string;
  dueDate: string | null;
  total: number;
  openBalance: number;
}

/** An invoice with its priced lines and totals. */
export interface InvoiceRecord {
  id: string;
  externalRef: string;
  customerRef: string;
  currency: string;
  date: string;
  lines: { description: string; quantity: number; unitAmount: number; amount: number }[];
  subtotal: number;
  tax: number;
  shipping: number;
  discount: number;
  total: number;
  openBalance: number;
}

/** `GET /ledger/invoices/{id}`: the invoice, the payments applied and its credit memos. */
export interface InvoiceDetail {
  invoice: InvoiceRecord;
  payments: { externalRef: string; amount: number; date: string; journalId: string | null }[];
  creditMemos: {
    externalRef: string;
    total: number;
    applied: number;
    refunded: number;
    date: string;
  }[];
}

/** A payment applied to an invoice. */
export interface PaymentRow {
  id: string;
  externalRef: string;
  invoiceRef: string;
  currency: string;
  amount: number;
  date: string;
}

/** A credit memo: `applied` reduced its invoice, `refunded` was paid out. */
export interface CreditMemoRow {
  id: string;
  externalRef: string;
  invoiceRef: string | null;
  currency: string;
  total: number;
  applied: number;
  refunded: number;
  date: string;
}

/** Where a chargeback case stands. */
export type DisputeStatus = 'open' | 'evidence_submitted' | 'won' | 'lost';

/** A chargeback case. */
export interface DisputeRow {
  id: string;
  externalRef: string;
  transactionRef: string | null;
  currency: string;
  amount: number;
  reason: string;
  status: DisputeStatus;
  openedOn: string;
  evidenceDueBy: string | null;
}

/** A journal entry as listed (`total` is the sum of its debits). */
export interface JournalSummary {
  id: string;
  number: number;
  externalRef: string | null;
  source: string;
  currency: string;
  date: string;
  memo: string | null;
  reversesId: string | null;
  total: number | null;
}

/** One line of a journal entry; exactly one of debit and credit is non-zero. */
export interface JournalLine {
  account: string;
  debit: number;
  credit: number;
  description: string | null;
}

/** A journal entry with its lines and its reversal, if any. */
export interface JournalEntry extends Omit<JournalSummary, 'total'> {
  lines: JournalLine[];
  total: number;
  reversedBy: string | null;
}

/** An inclusive range of dates (`YYYY-MM-DD`); either end may be open. */
export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** One account's movement in one currency; `balance` is signed by the account's normal side. */
export interface TrialBalanceRow {
  code: string;
  name: string;
  type: AccountType;
  currency: string;
  debit: number;
  credit: number;
  balance: number;
}

/** The trial balance report: rows, and per-currency totals that must agree. */
export interface TrialBalance {
  range: DateRange;
  accounts: TrialBalanceRow[];
  totals: { currency: string; debit: number; credit: number; balanced: boolean }[];
}

/** Every line of one account in a range, with running balances per currency. */
export interface AccountActivity {
  account: { code: string; name: string; type: AccountType };
  range: DateRange;
  openingBalances: Record<string, number>;
  closingBalances: Record<string, number>;
  lines: {
    entryId: string;
    number: number;
    date: string;
    currency: string;
    source: string;
    memo: string | null;
    description: string | null;
    debit: number;
    credit: number;
    balance: number;
  }[];
}

/** Invoices still owed as of a date. */
export interface OpenInvoices {
  asOf: string;
  invoices: (InvoiceSummary & { customerName: string | null; daysOverdue: number | null })[];
}

/** What `POST /ledger/journal-entries` takes: amounts in minor units. */
export interface NewJournalEntry {
  externalRef: string;
  currency: string;
  date: string;
  memo?: string;
  lines: { account: string; debit: number; credit: number; description?: string }[];
}
