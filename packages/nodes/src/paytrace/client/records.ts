/**
 * Export records and batch summaries in Paybridge's terms: string ids, money in minor units, the
 * card as its last four digits, and one status word. PayTrace documents neither a status field nor
 * the batch fields, so status is taken from the simulator's `response_code`/`status` when present
 * and otherwise inferred from the documented fields (an empty approval code is a decline, a
 * `settled` time means settled).
 *
 * @module
 */
import type { BatchRecord, TransactionRecord } from '../nodes/shared/outputs';
import { paytraceMoney } from './money';
import type { WireBatchSummary, WireExportRecord } from './wire/export-answers';

/** The last four digits of a masked number (`************5454`, `xxxxxxxxxxxx5454`). */
export function lastFour(masked: string): string | null {
  const match = /(\d{4})$/.exec(masked.trim());
  return match?.[1] ?? null;
}

/** One status word for a transaction record. */
export function recordStatus(record: WireExportRecord): TransactionRecord['status'] {
  const code = record.response_code;
  const status = record.status.toUpperCase();
  if (code === 102 || status === 'DECLINED') return 'declined';
  if (code === 103 || status === 'VOID' || status === 'VOIDED') return 'voided';
  if (status === 'SETTLED' || (record.settled ?? '').trim() !== '') return 'settled';
  if (status === 'PENDING') return 'pending';
  const isRefund = record.transaction_type.toUpperCase() === 'REFUND';
  if (code === undefined && !isRefund && record.approval_code.trim() === '') return 'declined';
  return 'pending';
}

/** An export record as the export nodes emit it. */
export function transactionRecord(record: WireExportRecord): TransactionRecord {
  const settled = (record.settled ?? '').trim();
  const created = (record.created?.at ?? '').trim();
  return {
    transactionId: record.transaction_id,
    type: record.transaction_type.toUpperCase(),
    status: recordStatus(record),
    amount: paytraceMoney(record.amount),
    taxAmount: paytraceMoney(record.tax_amount),
    invoiceId: record.invoice_id,
    description: record.description,
    customerId: record.customer_id,
    customerReferenceId: record.customer_reference_id,
    approvalCode: record.approval_code.trim(),
    approvalMessage: record.approval_message.trim(),
    avsResponse: record.avs_response.trim(),
    cscResponse: record.csc_response.trim(),
    cardLastFour: lastFour(record.credit_card?.masked_number ?? ''),
    createdAt: created === '' ? null : created,
    settledAt: settled === '' ? null : settled,
  };
}

/** A batch summary as the batch nodes emit it. */
export function batchRecord(batch: WireBatchSummary): BatchRecord {
  const created = batch.created.trim();
  return {
    batchNumber: batch.number,
    createdAt: created === '' ? null : created,
    transactionCount: batch.transaction_count ?? null,
    netAmount: paytraceMoney(batch.net_amount),
    salesCount: batch.sales_count ?? null,
    salesAmount: paytraceMoney(batch.sales_amount),
    refundCount: batch.refund_count ?? null,
    refundAmount: paytraceMoney(batch.refund_amount),
  };
}
