/**
 * The ledger through the runtime's typed client. Paths, parameters and answers are checked
 * against the runtime's routes, which declare every response with zod; the named types below
 * are inferred from those answers, so there is no hand-written copy to drift. Lists are read a
 * page at a time (`cursor`). Money is integer minor units beside an ISO 4217 code.
 *
 * @module
 */
import type { JournalInput } from '@paybridge/nodes/erp';
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '../api/client';

const ledger = client.api.ledger;

/** Rows per page of a list; "Load more" reads the next page with the answer's cursor. */
export const PAGE_SIZE = 200;

/** One page of a list and the cursor of the next one (null on the last page). */
export interface Page<R> {
  rows: R[];
  nextCursor: string | null;
}

/** What `POST /ledger/journal-entries` takes (the ERP contract's journal): minor units. */
export type NewJournalEntry = JournalInput;

/** An inclusive range of dates (`YYYY-MM-DD`); either end may be open. */
export type DateRange = TrialBalance['range'];

/** Drops empty ends of a range: the runtime validates dates, and `""` is not one. */
function range(r: DateRange): DateRange {
  return { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) };
}

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
export function getInvoice(id: string) {
  return unwrap(ledger.invoices[':id'].$get({ param: { id } }));
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
export async function getJournalEntry(id: string) {
  return (await unwrap(ledger['journal-entries'][':id'].$get({ param: { id } }))).entry;
}

/**
 * Posts a manual entry. The runtime answers `created: false` when the reference was already
 * posted with the same content, and 422 naming the bad line when the entry is invalid.
 */
export function postJournalEntry(input: NewJournalEntry) {
  return unwrap(ledger['journal-entries'].$post({ json: { ...input } }));
}

/** Reverses an entry: a new entry with every line's sides swapped, dated `date` (today). */
export async function reverseJournalEntry(id: string, input: { date?: string; memo?: string }) {
  const body = await unwrap(
    ledger['journal-entries'][':id'].reverse.$post({ param: { id }, json: input }),
  );
  return body.entry;
}

/** Debits, credits and balances per account and currency for a range. */
export function getTrialBalance(r: DateRange) {
  return unwrap(ledger.reports['trial-balance'].$get({ query: range(r) }));
}

/** Lines of one account (code or role) with running balances. */
export function getAccountActivity(account: string, r: DateRange) {
  return unwrap(ledger.reports['account-activity'].$get({ query: { account, ...range(r) } }));
}

/** Invoices still owed as of a date, oldest first. */
export function getOpenInvoices(asOf: string) {
  const query = asOf ? { asOf } : {};
  return unwrap(ledger.reports['open-invoices'].$get({ query }));
}

/** The successful answer of a route of the typed client. */
type Ok<Route> = InferResponseType<Route, 200>;

/** One account of the chart. */
export type LedgerAccount = Ok<typeof ledger.accounts.$get>['accounts'][number];
/** An invoice as listed. */
export type InvoiceSummary = Ok<typeof ledger.invoices.$get>['invoices'][number];
/** A payment applied to an invoice. */
export type PaymentRow = Ok<typeof ledger.payments.$get>['payments'][number];
/** A credit memo: `applied` reduced its invoice, `refunded` was paid out. */
export type CreditMemoRow = Ok<(typeof ledger)['credit-memos']['$get']>['creditMemos'][number];
/** A chargeback case. */
export type DisputeRow = Ok<typeof ledger.disputes.$get>['disputes'][number];
/** Where a chargeback case stands. */
export type DisputeStatus = DisputeRow['status'];
/** A journal entry as listed (`total` is the sum of its debits). */
export type JournalSummary = Ok<(typeof ledger)['journal-entries']['$get']>['entries'][number];
/** A journal entry with its lines and its reversal, if any. */
export type JournalEntry = Ok<(typeof ledger)['journal-entries'][':id']['$get']>['entry'];
/** An invoice with its lines, the payments applied and its credit memos. */
export type InvoiceDetail = Ok<(typeof ledger.invoices)[':id']['$get']>;
/** The trial balance report: rows, and per-currency totals that must agree. */
export type TrialBalance = Ok<(typeof ledger.reports)['trial-balance']['$get']>;
/** Every line of one account in a range, with running balances per currency. */
export type AccountActivity = Ok<(typeof ledger.reports)['account-activity']['$get']>;
/** Invoices still owed as of a date. */
export type OpenInvoices = Ok<(typeof ledger.reports)['open-invoices']['$get']>;
