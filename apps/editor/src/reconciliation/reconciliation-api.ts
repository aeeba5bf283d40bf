/**
 * Settlement reconciliation through the runtime's typed client. Paths, parameters and answers
 * are checked against the runtime's routes (declared with zod); the named types below are
 * inferred from those answers, so there is no hand-written copy to drift. Money is integer
 * minor units beside an ISO 4217 code.
 *
 * @module
 */
import type { InferResponseType } from 'hono/client';
import { ApiFailure } from '../api/api-failure';
import { client, unwrap } from '../api/client';
import type { StatementFormat } from './statement-format';

const recon = client.api.reconciliation;

/** Query keys; every one starts with `reconciliation`, so one change refreshes the page. */
export const reconciliationKeys = {
  all: ['reconciliation'] as const,
  days: (from: string, to: string) => ['reconciliation', 'days', from, to] as const,
  day: (date: string) => ['reconciliation', 'day', date] as const,
  items: (date: string, status: string, kind: string) =>
    ['reconciliation', 'items', date, status, kind] as const,
  statements: ['reconciliation', 'statements'] as const,
};

/** Which items of a day to list. */
export type ItemStatusFilter = 'open' | 'resolved' | 'all';

/** The most items one day's list reads; a day with more says so (see {@link listItems}). */
export const ITEM_LIMIT = 1000;

/** Reconciled days between two dates (inclusive), with their totals side by side. */
export async function listDays(from: string, to: string) {
  return (await unwrap(recon.days.$get({ query: { from, to } }))).days;
}

/** One reconciled day with its batches, or null when the day has not been reconciled. */
export async function getDay(date: string) {
  try {
    return await unwrap(recon.days[':date'].$get({ param: { date }, query: {} }));
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 404) return null;
    throw err;
  }
}

/** A day's unmatched items, open or resolved or both, optionally of one kind. */
export async function listItems(
  date: string,
  status: ItemStatusFilter,
  kind?: DiscrepancyKind,
): Promise<ReconciliationItem[]> {
  const query = {
    date,
    limit: String(ITEM_LIMIT),
    ...(status === 'all' ? {} : { status }),
    ...(kind ? { kind } : {}),
  };
  return (await unwrap(recon.items.$get({ query }))).items;
}

/** Marks an item resolved with a note saying how. */
export function resolveItem(id: string, note: string) {
  return unwrap(recon.items[':id'].resolve.$post({ param: { id }, json: { note } }));
}

/** Books the ERP document an item lacks (once: a second call finds the first booking). */
export function createDocument(id: string) {
  return unwrap(recon.items[':id']['create-missing-document'].$post({ param: { id } }));
}

/** Starts reconciling a date range with a flow that holds the settlement reconciliation step. */
export function startRun(input: { flowId: string; from: string; to: string }) {
  return unwrap(recon.runs.$post({ json: input }));
}

/** A reconciliation run and how far it got. */
export function getRun(id: string) {
  return unwrap(recon.runs[':id'].$get({ param: { id } }));
}

/** Where the day's report downloads from (same-origin: the session cookie authorises it). */
export function reportUrl(date: string, format: 'csv' | 'pdf'): string {
  return `/api/reconciliation/days/${encodeURIComponent(date)}/report.${format}`;
}

/** A statement the runtime refused whole, with every line it could not read. */
export class StatementRefused extends Error {
  constructor(
    message: string,
    readonly lines: { line: number; message: string }[],
  ) {
    super(message);
    this.name = 'StatementRefused';
  }
}

/**
 * Imports a bank statement's text for the deposit match. Lines already imported for the account
 * are counted as duplicates; a file with unreadable lines is refused whole
 * ({@link StatementRefused}), so a half-read statement never hides a deposit.
 */
export async function uploadStatement(input: {
  text: string;
  filename: string;
  format: StatementFormat;
  account: string;
}) {
  const res = await recon.statements.$post({ json: input }).catch((err: unknown) => {
    throw new ApiFailure(0, 'NETWORK', `Could not reach the runtime (${String(err)})`);
  });
  if (res.status === 422) {
    const body = await res.json();
    throw new StatementRefused(body.error.message, body.errors);
  }
  return unwrap(Promise.resolve(res));
}

/** Bank statements imported so far, newest first. */
export async function listStatements() {
  return (await unwrap(recon.statements.$get())).statements;
}

/** The successful answer of a route of the typed client. */
type Ok<Route> = InferResponseType<Route, 200>;

/** A reconciled day: PayTrace, ERP, Shopify and bank totals, the variance, open items. */
export type ReconciliationDay = Ok<typeof recon.days.$get>['days'][number];
/** A settlement batch of a day. */
export type ReconciliationBatch = Ok<(typeof recon.days)[':date']['$get']>['batches'][number];
/** A difference found by the reconciliation. */
export type ReconciliationItem = Ok<typeof recon.items.$get>['items'][number];
/** The kind of a difference. */
export type DiscrepancyKind = ReconciliationItem['kind'];
/** A reconciliation run with its progress. */
export type ReconciliationRun = Ok<(typeof recon.runs)[':id']['$get']>;
/** What a statement import stored. */
export type StatementUploadResult = InferResponseType<typeof recon.statements.$post, 201>;
