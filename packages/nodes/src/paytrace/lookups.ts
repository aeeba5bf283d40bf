/**
 * Finding out what PayTrace holds: one transaction by id, or the transaction an attempt created,
 * by its invoice id. PayTrace documents only free-text search (`including_text`) on the date-range
 * export, so the match on `invoice_id` (and on the type) is made here, exactly.
 *
 * @module
 */
import { classifyAnswer } from './client/classify-answer';
import { reportEndpoints } from './client/endpoints';
import type { PaytraceClient } from './client/paytrace-client';
import { recordStatus } from './client/records';
import type { WireExportRecord } from './client/wire/export-answers';

const DAY_MS = 86_400_000;

/** `MM/DD/YYYY` of a UTC date, as PayTrace's filters take dates. */
export function usDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** The transaction with this id, or `undefined` when PayTrace does not know it (811). */
export async function exportTransaction(
  client: PaytraceClient,
  transactionId: string,
): Promise<WireExportRecord | undefined> {
  const answer = await client.call(reportEndpoints.transactionById, {
    transaction_id: transactionId,
  });
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'refused') {
    if (verdict.error.has(811)) return undefined;
    throw verdict.error;
  }
  return answer.transactions?.[0];
}

/** The date part of PayTrace's `4/10/2015 4:06:30 PM`, as UTC midnight, or `undefined`. */
function createdDate(record: WireExportRecord): Date | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec((record.created?.at ?? '').trim());
  if (!match) return undefined;
  return new Date(Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2])));
}

/** Whether an export record carries a state word (the simulator's `response_code`, `status`). */
export function hasStateFields(record: WireExportRecord): boolean {
  return record.response_code !== undefined || record.status.trim() !== '';
}

/**
 * Whether PayTrace lists the transaction under the documented `VOID` filter of the date-range
 * export: the way to tell a voided transaction when export records carry no state word. The
 * range starts a day before the transaction's creation (31 days back when it cannot be read).
 */
export async function isListedAsVoid(
  client: PaytraceClient,
  record: WireExportRecord,
  now: Date,
): Promise<boolean> {
  const created = createdDate(record) ?? new Date(now.getTime() - 31 * DAY_MS);
  const answer = await client.call(reportEndpoints.transactionsByDateRange, {
    start_date: usDate(new Date(created.getTime() - DAY_MS)),
    end_date: usDate(new Date(now.getTime() + DAY_MS)),
    transaction_id: record.transaction_id,
    transaction_type: 'VOID',
  });
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'refused') throw verdict.error;
  return (answer.transactions ?? []).some((r) => r.transaction_id === record.transaction_id);
}

/** What to look for: an attempt's invoice id and transaction type, and when it may have run. */
export interface InvoiceSearch {
  invoiceId: string;
  /** `SALE`, `AUTHORIZATION` or `REFUND`. */
  type: string;
  /** When the attempt was claimed; the search starts a day earlier (PayTrace uses local dates). */
  startedAt: Date;
  now: Date;
}

/**
 * The transaction carrying exactly this invoice id and type, or `undefined` when there is none.
 * Should several match (which Paybridge never causes), one that was not declined wins.
 */
export async function findByInvoice(
  client: PaytraceClient,
  search: InvoiceSearch,
): Promise<WireExportRecord | undefined> {
  const answer = await client.call(reportEndpoints.transactionsByDateRange, {
    start_date: usDate(new Date(search.startedAt.getTime() - DAY_MS)),
    end_date: usDate(new Date(search.now.getTime() + DAY_MS)),
    including_text: search.invoiceId,
  });
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'refused') throw verdict.error;
  const matches = (answer.transactions ?? []).filter(
    (record) =>
      record.invoice_id === search.invoiceId &&
      (record.transaction_type === '' || record.transaction_type.toUpperCase() === search.type),
  );
  return matches.find((record) => recordStatus(record) !== 'declined') ?? matches[0];
}
