/**
 * Request bodies of follow-ups on an existing transaction: capture, void and refund.
 *
 * @module
 */
import { z } from 'zod';
import { RequestAmount, RequestInvoiceId, RequestTransactionId } from './scalars';

/** `/v1/transactions/authorization/capture`: no amount captures the full authorization. */
export const CaptureRequest = z.strictObject({
  transaction_id: RequestTransactionId,
  amount: RequestAmount.optional(),
});

/** `/v1/transactions/void`. */
export const VoidRequest = z.strictObject({ transaction_id: RequestTransactionId });

/**
 * `/v1/transactions/refund/for_transaction`: no amount refunds in full. `invoice_id` is sent so a
 * refund whose answer was lost can be found by it (PayTrace takes it on keyed refunds; the
 * simulator records it on these too).
 */
export const RefundRequest = z.strictObject({
  transaction_id: RequestTransactionId,
  amount: RequestAmount.optional(),
  invoice_id: RequestInvoiceId.optional(),
});
