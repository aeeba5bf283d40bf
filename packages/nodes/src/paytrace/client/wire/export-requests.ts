/**
 * Request bodies of the reporting calls: transaction exports (by id, by date range with the
 * documented filters) and batch exports.
 *
 * @module
 */
import { z } from 'zod';
import { RequestTransactionId, RequestUsDate } from './scalars';

/** Transaction types and states the `transaction_type` filter understands (6.1 of the facts). */
export const EXPORT_TRANSACTION_TYPES = [
  'SALE',
  'AUTHORIZATION',
  'STR/FWD',
  'REFUND',
  'VOID',
  'SETTLED',
  'PENDING',
  'DECLINED',
] as const;

/** `/v1/transactions/export/by_id`. */
export const ExportByIdRequest = z.strictObject({ transaction_id: RequestTransactionId });

/** `/v1/transactions/export/by_date_range` with PayTrace's documented filters only. */
export const ExportByDateRangeRequest = z.strictObject({
  start_date: RequestUsDate,
  end_date: RequestUsDate,
  transaction_id: RequestTransactionId.optional(),
  transaction_type: z.enum(EXPORT_TRANSACTION_TYPES).optional(),
  customer_id: z.string().min(1).max(50).optional(),
  including_text: z.string().min(1).max(100).optional(),
});

/** A batch number in a request. */
const BatchNumber = z.int().positive();

/** `/v1/batches/export_one`: no number describes the batch pending now. */
export const BatchExportOneRequest = z.strictObject({ batch_number: BatchNumber.optional() });

/** `/v1/batches/export`. */
export const BatchExportRequest = z.strictObject({
  start_date: RequestUsDate,
  end_date: RequestUsDate,
});

/** `/v1/batches/transaction_list`. */
export const BatchTransactionsRequest = z.strictObject({ batch_number: BatchNumber });
