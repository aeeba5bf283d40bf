/**
 * The reconciliation report of a day as CSV: the day's totals, its batches, then every item.
 * Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
 *
 * @module
 */
import type { ReconciliationBatch, ReconciliationDay, ReconciliationItem } from './api-schemas';

/** One CSV cell: quoted when needed, formula-looking text defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');

/** Minor units as a decimal amount for people (2 decimals; currencies without are rare here). */
function amount(minor: number | null, digits: number): string | null {
  if (minor === null) return null;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** The CSV text of a day's report. */
export function reportCsv(
  day: ReconciliationDay,
  batches: ReconciliationBatch[],
  items: ReconciliationItem[],
  digits = 2,
): string {
  const a = (m: number | null) => amount(m, digits);
  const lines = [
    row([
      'section',
      'date',
      'currency',
      'paytrace_gross',
      'paytrace_refunds',
      'paytrace_net',
      'fees',
      'erp_payments',
      'erp_credit_memos',
      'shopify_paid',
      'bank_deposit',
      'variance',
      'open_items',
    ]),
    row([
      'day',
      day.date,
      day.currency,
      a(day.paytrace.gross),
      a(day.paytrace.refunds),
      a(day.paytrace.net),
      a(day.paytrace.fees),
      a(day.erp.payments),
      a(day.erp.creditMemos),
      a(day.shopifyPaid),
      a(day.bankDeposit),
      a(day.variance),
      day.openItems,
    ]),
    '',
    row([
      'section',
      'batch',
      'closed_at',
      'transactions',
      'gross',
      'refunds',
      'net',
      'fees',
      'expected_deposit',
      'deposit',
      'journal_ref',
      'open_items',
    ]),
    ...batches.map((b) =>
      row([
        'batch',
        b.batchNumber,
        b.closedAt,
        b.transactionCount,
        a(b.gross),
        a(b.refunds),
        a(b.net),
        a(b.feesProcessor ?? b.feesExpected),
        a(b.expectedDeposit),
        a(b.deposit),
        b.journalRef,
        b.openItems,
      ]),
    ),
    '',
    row([
      'section',
      'kind',
      'status',
      'batch',
      'transaction_id',
      'invoice_id',
      'erp_ref',
      'expected',
      'actual',
      'detail',
      'note',
      'run_id',
    ]),
    ...items.map((i) =>
      row([
        'item',
        i.kind,
        i.status,
        i.batchNumber,
        i.transactionId,
        i.invoiceId,
        i.erpRef,
        a(i.expected),
        a(i.actual),
        i.detail,
        i.note,
        i.runId,
      ]),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
