/**
 * The ledger through the runtime's typed client. Paths and parameters are checked against the
 * runtime's routes; lists are typed by their declared responses and read a page at a time
 * (`cursor`), the other answers are cast to the shapes in `ledger-types.ts` because those
 * routes declare an open JSON object as their response.
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

/** Rows per page of a list; "Load more" reads the next page with the answer's cursor. */
export const PAGE_SIZE = 200;

/** One page of a list and the cursor of the next one (null on the last page). */
export interface Page<R> {
  rows: R[];
  nextCursor: string | null;
}

/** Drops empty ends of a range: the runtime validates dates, and `""` is not one. */
function range(r: DateRange): DateRange {
  return { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) };
}

const as = <T>(body: unknown) => body as T;

/** `{ cursor }` when reading a page after the first, nothing for the first. */
const after = (cursor: string | undefined) => (cursor ? { cursor } : {});

/** Turns a list answer `{ <key>: rows, nextCursor }` into a {@link Page}. */
function page<K extends string, R>(
  key: K,
  body: Record<K, R[]> & { nextCursor: string | null },
): Page<R> {
  return { rows: body[key], nextCursor: body.nextCursor };
}

/** The whole chart of accounts, by code (every page: forms pick from all of it). */
export async function listAccounts(): Promise<LedgerAccount[]> {
  const accounts: LedgerAccount[] = [];
  let cursor: string | undefined;
  do {
    const body = await unwrap(ledger.accounts.$get({ query: { limit: '500', ...after(cursor) } }));
    accounts.push(...body.accounts);
    cursor = body.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return accounts;
}

/** A page of invoices, newest first: all, only those still owed, or only those paid. */
export async function listInvoices(
  status: 'all' | 'open' | 'paid',
  cursor?: string,
): Promise<Page<InvoiceSummary>> {
  const query = { status, limit: String(PAGE_SIZE), ...after(cursor) };
  return page('invoices', await unwrap(ledger.invoices.$get({ query })));
}

/** One invoice with its lines, payments and credit memos. */
export async function getInvoice(id: string): Promise<InvoiceDetail> {
  return as<InvoiceDetail>(await unwrap(ledger.invoices[':id'].$get({ param: { id } })));
}

/** A page of payments, newest first. */
export async function listPayments(cursor?: string): Promise<Page<PaymentRow>> {
  const query = { limit: String(PAGE_SIZE), ...after(cursor) };
  return page('payments', await unwrap(ledger.payments.$get({ query })));
}

/** A page of credit memos and their refunds, newest first. */
export async function listCreditMemos(cursor?: string): Promise<Page<CreditMemoRow>> {
  const query = { limit: String(PAGE_SIZE), ...after(cursor) };
  return page('creditMemos', await unwrap(ledger['credit-memos'].$get({ query })));
}

/** A page of chargeback cases, newest first, optionally of one status. */
export async function listDisputes(
  status?: DisputeStatus,
  cursor?: string,
): Promise<Page<DisputeRow>> {
  const query = { ...(status ? { status } : {}), limit: String(PAGE_SIZE), ...after(cursor) };
  return page('disputes', await unwrap(ledger.disputes.$get({ query })));
}

/** A page of journal entries in a date range, newest first. */
export async function listJournalEntries(
  r: DateRange,
  cursor?: string,
): Promise<Page<JournalSummary>> {
  const query = { ...range(r), limit: String(PAGE_SIZE), ...after(cursor) };
  return page('entries', await unwrap(ledger['journal-entries'].$get({ query })));
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
