/**
 * Chargeback cases through the runtime's typed client. The named types are inferred from the
 * runtime's routes (each declares its answer with zod), so there is no hand-written copy of a
 * case to drift from what the runtime sends. Money is integer minor units beside an ISO 4217
 * code; a ratio is a fraction (0.015 is 1.5 %).
 *
 * @module
 */
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '../api/client';

const disputes = client.api.disputes;

/** Cases per page of the list; "Load more" reads the next page with the answer's cursor. */
export const CASES_PAGE_SIZE = 200;

/**
 * A page of cases, soonest evidence deadline first; `open` only, or every status. `cursor` is
 * the previous page's `nextCursor`.
 */
export function listCases(filter: { status: 'open' | 'all'; q?: string }, cursor?: string) {
  const query = {
    ...(filter.status === 'open' ? { status: 'open' as const } : {}),
    ...(filter.q?.trim() ? { q: filter.q.trim() } : {}),
    limit: String(CASES_PAGE_SIZE),
    ...(cursor === undefined ? {} : { cursor }),
  };
  return unwrap(disputes.$get({ query }));
}

/** One case with its timeline, ledger postings and the runs that worked on it. */
export function getCase(id: string) {
  return unwrap(disputes[':id'].$get({ param: { id } }));
}

/** The chargeback ratio of the last `months` months with the lines it is judged against. */
export function getRatio(months = 12) {
  return unwrap(disputes.ratio.$get({ query: { months: String(months) } }));
}

/**
 * Sends PayTrace's chargeback report as it was exported (CSV text). The answer counts the rows
 * imported and the duplicates, and names every line that could not be read.
 */
export function importReport(csv: string) {
  return unwrap(
    disputes.report.$post({}, { init: { body: csv }, headers: { 'content-type': 'text/csv' } }),
  );
}

/** Where the evidence packet of a case downloads from, as PDF or JSON (same-origin GET). */
export function packetUrl(id: string, format: 'pdf' | 'json'): string {
  const path = `/api/disputes/${encodeURIComponent(id)}/packet`;
  return format === 'pdf' ? `${path}.pdf` : path;
}

/** The successful answer of a route of the typed client. */
type Ok<Route> = InferResponseType<Route, 200>;

/** A chargeback case as listed. */
export type DisputeCase = Ok<typeof disputes.$get>['cases'][number];
/** Where a case stands. */
export type DisputeCaseStatus = DisputeCase['status'];
/** A case with its timeline, postings and runs. */
export type DisputeCaseDetail = Ok<(typeof disputes)[':id']['$get']>;
/** One entry of a case's timeline. */
export type TimelineEntry = DisputeCaseDetail['timeline'][number];
/** What an import of the chargeback report did, row by row. */
export type ReportImport = Ok<typeof disputes.report.$post>;
/** The ratio answer: months and thresholds. */
export type ChargebackRatio = Ok<typeof disputes.ratio.$get>;
/** One month of the ratio. */
export type RatioMonth = ChargebackRatio['months'][number];
/** One line the ratio is judged against. */
export type RatioThreshold = ChargebackRatio['thresholds'][number];
