/**
 * The ledger through the runtime's typed client. Paths and parameters are checked against the
 * runtime's routes; the answers are cast to the shapes in `ledger-types.ts` because those routes
 * declare an open JSON object as their response.
 *
 * @module
 */
import { client, unwrap } from '../api/client';
import type {
  AccountActivity,
  CreditMemoRow,
  DateRange,
  DisputeRow,
  DisputeStatus,
  InvoiceDetail,
  InvoiceSummary,
  JournalEntry,
  JournalSummary,
  LedgerAccount,
  NewJournalEntry,
  OpenInvoices,
  PaymentRow,
  TrialBalance,
} from './ledger-types';

const ledger = client.api.ledger;

/** Drops empty ends of a range: the runtime validates dates, and `""` is not one. */
function range(r: DateRange): DateRange {
  return { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) };
}

const as = <T>(body: unknown) => body as T;

/** The chart of accounts, by code. */
export async function listAccounts(): Promise<LedgerAccount[]> {
  return as<{ accounts: LedgerAccount[] }>(await unwrap(ledger.accounts.$get())).accounts;
}

/** Invoices, newest first: all, only those still owed, or only those paid. */
export async function listInvoices(status: 'all' | 'open' | 'paid'): Promise<InvoiceSummary[]> {
  const body = await unwrap(ledger.invoices.$get({ query: { status, limit: '500' } }));
  return as<{ invoices: InvoiceSummary[] }>(body).invoices;
}

/** One invoice with its lines, payments and credit memos. */
export async function getInvoice(id: string): Promise<InvoiceDetail> {
  return as<InvoiceDetail>(await unwrap(ledger.invoices[':id'].$get({ param: { id } })));
}

/** Payments, newest first. */
export async function listPayments(): Promise<PaymentRow[]> {
  const body = await unwrap(ledger.payments.$get({ query: { limit: '500' } }));
  return as<{ payments: PaymentRow[] }>(body).payments;
}

/** Credit memos and their refunds, newest first. */
export async function listCreditMemos(): Promise<CreditMemoRow[]> {
  const body = await unwrap(ledger['credit-memos'].$get({ query: { limit: '500' } }));
  return as<{ creditMemos: CreditMemoRow[] }>(body).creditMemos;
}

/** Chargeback cases, newest first, optionally of one status. */
export async function listDisputes(status?: DisputeStatus): Promise<DisputeRow[]> {
  const query = status ? { status, limit: '500' } : { limit: '500' };
  return as<{ disputes: DisputeRow[] }>(await unwrap(ledger.disputes.$get({ query }))).disputes;
}

/** Journal entries in a date range, newest first. */
export async function listJournalEntries(r: DateRange): Promise<JournalSummary[]> {
  const body = await unwrap(
    ledger['journal-entries'].$get({ query: { ...range(r), limit: '500' } }),
  );
  return as<{ entries: JournalSummary[] }>(body).entries;
}

/** One journal entry with its lines and the id of its reversal, if any. */
export async function getJournalEntry(id: string): Promise<JournalEntry> {
  const body = await unwrap(ledger['journal-entries'][':id'].$get({ param: { id } }));
  return as<{ entry: JournalEntry }>(body).entry;
}

/**
 * Posts a manual entry. The runtime answers `created: false` when the reference was already
 * posted with the same content, and 422 naming the bad line when the entry is invalid.
 */
export async function postJournalEntry(
  input: NewJournalEntry,
): Promise<{ entry: { id: string; externalRef: string }; created: boolean }> {
  const body = await unwrap(ledger['journal-entries'].$post({ json: { ...input } }));
  return as<{ entry: { id: string; externalRef: string }; created: boolean }>(body);
}

/** Reverses an entry: a new entry with every line's sides swapped, dated `date` (today). */
export async function reverseJournalEntry(
  id: string,
  input: { date?: string; memo?: string },
): Promise<JournalEntry> {
  const body = await unwrap(
    ledger['journal-entries'][':id'].reverse.$post({ param: { id }, json: input }),
  );
  return as<{ entry: JournalEntry }>(body).entry;
}

/** Debits, credits and balances per account and currency for a range. */
export async function getTrialBalance(r: DateRange): Promise<TrialBalance> {
  return as<TrialBalance>(await unwrap(ledger.reports['trial-balance'].$get({ query: range(r) })));
}

/** Lines of one account (code or role) with running balances. */
export async function getAccountActivity(account: string, r: DateRange): Promise<AccountActivity> {
  const body = await unwrap(
    ledger.reports['account-activity'].$get({ query: { account, ...range(r) } }),
  );
  return as<AccountActivity>(body);
}

/** Invoices still owed as of a date, oldest first. */
export async function getOpenInvoices(asOf: string): Promise<OpenInvoices> {
  const query = asOf ? { asOf } : {};
  return as<OpenInvoices>(await unwrap(ledger.reports['open-invoices'].$get({ query })));
}
