/**
 * Shapes of the ledger API's answers. The lists declare their responses, so their rows are
 * inferred from the runtime's routes through the typed client; the other routes declare an open
 * JSON object, so their shapes are written down here once, from
 * `apps/runtime/src/ledger/ledger-routes.ts` and `reports.ts`, instead of being guessed at every
 * use. Money is integer minor units beside an ISO 4217 code.
 *
 * @module
 */
import type { AccountType } from '@paybridge/nodes/erp';
import type { client, SuccessBody } from '../api/client';

type Ledger = typeof client.api.ledger;

/** One row of a list route (`Get`, answering `{ <K>: rows, nextCursor }`). */
export type ListRow<Get extends (...args: never[]) => Promise<unknown>, K extends string> =
  SuccessBody<Awaited<ReturnType<Get>>> extends Record<K, (infer R)[]> ? R : never;

/** One account of the chart. */
export type LedgerAccount = ListRow<Ledger['accounts']['$get'], 'accounts'>;

/** An invoice as listed. */
export type InvoiceSummary = ListRow<Ledger['invoices']['$get'], 'invoices'>;

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
export type PaymentRow = ListRow<Ledger['payments']['$get'], 'payments'>;

/** A credit memo: `applied` reduced its invoice, `refunded` was paid out. */
export type CreditMemoRow = ListRow<Ledger['credit-memos']['$get'], 'creditMemos'>;

/** Where a chargeback case stands. */
export type DisputeStatus = 'open' | 'evidence_submitted' | 'won' | 'lost';

/** A chargeback case. */
export type DisputeRow = ListRow<Ledger['disputes']['$get'], 'disputes'>;

/** A journal entry as listed (`total` is the sum of its debits). */
export type JournalSummary = ListRow<Ledger['journal-entries']['$get'], 'entries'>;

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
