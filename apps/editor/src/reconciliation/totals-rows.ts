/**
 * The rows of the totals table from the runtime's day and batches. The day has every side; a
 * batch has PayTrace's figures and the bank deposit matched to it, and its variance is the
 * deposit against what should have reached the bank (net minus fees). A side that is not known
 * is null, shown as "n/a", never as a zero.
 *
 * @module
 */
import type { ReconciliationBatch, ReconciliationDay } from './reconciliation-api';

/** The figures of one row of the totals table. */
export interface Totals {
  currency: string;
  paytraceGross: number;
  paytraceRefunds: number;
  paytraceNet: number;
  erpPayments: number | null;
  erpCreditMemos: number | null;
  shopifyPaid: number | null;
  bankDeposit: number | null;
  /** Null when there is nothing to compare (a batch without a deposit line). */
  variance: number | null;
}

/** One row: a batch, or the whole day. */
export interface TotalsRow {
  key: string;
  label: string;
  totals: Totals;
}

/** The day's total row. */
export function dayRow(day: ReconciliationDay): TotalsRow {
  return {
    key: 'day',
    label: 'Day total',
    totals: {
      currency: day.currency,
      paytraceGross: day.paytrace.gross,
      paytraceRefunds: day.paytrace.refunds,
      paytraceNet: day.paytrace.net,
      erpPayments: day.erp.payments,
      erpCreditMemos: day.erp.creditMemos,
      shopifyPaid: day.shopifyPaid,
      bankDeposit: day.bankDeposit,
      variance: day.variance,
    },
  };
}

/** A batch's row; its variance is the deposit against the expected deposit, once there is one. */
export function batchRow(batch: ReconciliationBatch): TotalsRow {
  return {
    key: `batch-${batch.batchNumber}`,
    label: `Batch ${batch.batchNumber}`,
    totals: {
      currency: batch.currency,
      paytraceGross: batch.gross,
      paytraceRefunds: batch.refunds,
      paytraceNet: batch.net,
      erpPayments: null,
      erpCreditMemos: null,
      shopifyPaid: null,
      bankDeposit: batch.deposit,
      variance: batch.deposit === null ? null : batch.deposit - batch.expectedDeposit,
    },
  };
}
