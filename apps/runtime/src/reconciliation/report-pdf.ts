/**
 * The reconciliation report of a day as a PDF for the people who sign off the books: the day
 * and its status, the totals side by side per batch with the day's total, the variance in
 * words, and every unmatched item with its references, amounts and resolution note. The same
 * figures as the Reconciliation page and the CSV, printed from the same rows.
 *
 * @module
 */
import { toGroupedDecimal } from '@paybridge/nodes/erp';
import { DISCREPANCY_LABELS } from '@paybridge/nodes/reconcile';
import type { ReconciliationBatch, ReconciliationDay, ReconciliationItem } from './api-schemas';
import { renderPdfReport, type PdfColumn, type PdfTable } from './report-pdf-layout';

/** What one day's report prints. */
export interface DayReport {
  day: ReconciliationDay;
  batches: ReconciliationBatch[];
  items: ReconciliationItem[];
}

/** An amount with its code, or `n/a` for a side that is not known (never a made-up zero). */
function money(minor: number | null, currency: string): string {
  return minor === null ? 'n/a' : `${toGroupedDecimal(minor, currency)} ${currency}`;
}

/** A variance with its sign: `+12.34 USD`, `-0.01 USD`, `0.00 USD`. */
function signed(minor: number | null, currency: string): string {
  if (minor === null) return 'n/a';
  return `${minor > 0 ? '+' : ''}${money(minor, currency)}`;
}

const TOTAL_COLUMNS: PdfColumn[] = [
  { label: 'Batch', weight: 1.3 },
  { label: 'PayTrace gross', weight: 1.2, align: 'right' },
  { label: 'Refunds', weight: 1.1, align: 'right' },
  { label: 'Net', weight: 1.2, align: 'right' },
  { label: 'ERP payments', weight: 1.2, align: 'right' },
  { label: 'Credit memos', weight: 1.1, align: 'right' },
  { label: 'Shopify paid', weight: 1.2, align: 'right' },
  { label: 'Bank deposit', weight: 1.2, align: 'right' },
  { label: 'Variance', weight: 1.1, align: 'right' },
];

const ITEM_COLUMNS: PdfColumn[] = [
  { label: 'Kind', weight: 1.5 },
  { label: 'Batch', weight: 0.6 },
  { label: 'PayTrace', weight: 1.1 },
  { label: 'Invoice', weight: 0.9 },
  { label: 'ERP', weight: 1 },
  { label: 'Expected', weight: 1, align: 'right' },
  { label: 'Actual', weight: 1, align: 'right' },
  { label: 'Difference', weight: 1, align: 'right' },
  { label: 'Status', weight: 0.7 },
  { label: 'Note', weight: 2 },
];

/** The totals table: one row per batch (deposit against expected), the day's total below. */
function totalsTable({ day, batches }: DayReport): PdfTable {
  const c = day.currency;
  return {
    heading: 'Totals side by side',
    columns: TOTAL_COLUMNS,
    rows: batches.map((b) => [
      `Batch ${b.batchNumber} (${b.transactionCount})`,
      money(b.gross, c),
      money(b.refunds, c),
      money(b.net, c),
      '',
      '',
      '',
      money(b.deposit, c),
      b.deposit === null ? 'n/a' : signed(b.deposit - b.expectedDeposit, c),
    ]),
    total: [
      'Day total',
      money(day.paytrace.gross, c),
      money(day.paytrace.refunds, c),
      money(day.paytrace.net, c),
      money(day.erp.payments, c),
      money(day.erp.creditMemos, c),
      money(day.shopifyPaid, c),
      money(day.bankDeposit, c),
      signed(day.variance, c),
    ],
  };
}

/** Every item, open ones first, then by kind in the report's order. */
function itemsTable(items: ReconciliationItem[]): PdfTable {
  const sorted = [...items].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) || a.kind.localeCompare(b.kind),
  );
  return {
    heading: `Unmatched items (${items.filter((i) => i.status === 'open').length} open, ${
      items.filter((i) => i.status === 'resolved').length
    } resolved)`,
    columns: ITEM_COLUMNS,
    rows: sorted.map((i) => [
      DISCREPANCY_LABELS[i.kind],
      i.batchNumber === null ? '' : String(i.batchNumber),
      i.transactionId ?? '',
      i.invoiceId ?? '',
      i.erpRef ?? i.documentRef ?? '',
      money(i.expected, i.currency),
      money(i.actual, i.currency),
      i.expected === null || i.actual === null ? '' : signed(i.actual - i.expected, i.currency),
      i.status === 'open' ? 'Open' : 'Resolved',
      i.note ?? i.detail,
    ]),
    empty: 'Nothing unmatched: every settled transaction of the day is matched.',
  };
}

/** The variance in words for the header. */
function varianceLine(day: ReconciliationDay): string {
  if (day.variance === 0) return 'Variance: none (PayTrace net equals the ERP net)';
  const direction =
    day.variance > 0 ? 'PayTrace net exceeds the ERP by' : 'the ERP exceeds PayTrace net by';
  return `Variance: ${signed(day.variance, day.currency)} (${direction} ${money(Math.abs(day.variance), day.currency)})`;
}

/**
 * Builds the PDF of one day's report. `producedAt` is printed and used as the document's date,
 * so the same report at the same time gives the same bytes.
 */
export function reconciliationReportPdf(report: DayReport, producedAt: Date): Promise<Uint8Array> {
  const { day } = report;
  const open = report.items.filter((i) => i.status === 'open').length;
  return renderPdfReport({
    title: `Settlement reconciliation ${day.date}`,
    lines: [
      `Business day ${day.date} - PayTrace connection ${day.connection} - ${day.batchCount} batch${day.batchCount === 1 ? '' : 'es'}`,
      open === 0
        ? 'Status: clean, every item matched or resolved'
        : `Status: ${open} open item${open === 1 ? '' : 's'}`,
      varianceLine(day),
      `Fees ${money(day.paytrace.fees, day.currency)} - produced ${producedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC by Paybridge`,
    ],
    tables: [totalsTable(report), itemsTable(report.items)],
    createdAt: producedAt,
  });
}
