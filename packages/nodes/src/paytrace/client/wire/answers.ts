/**
 * The answer envelope of every PayTrace v1 call, and the fields of transaction answers. Lenient
 * on purpose: a field PayTrace leaves out must not turn a processed payment into an unreadable
 * answer. Whether the answer approved, declined or refused is decided in `classify-answer.ts`.
 *
 * @module
 */
import { z } from 'zod';
import { WireText, WireTransactionId } from './scalars';

/** PayTrace's `errors` object: numeric-string keys, arrays of messages (a bare string tolerated). */
export const WireErrors = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

/** Fields every answer may have, including OAuth-style `error` answers. */
export const EnvelopeShape = {
  success: z.boolean().optional(),
  response_code: z.int().optional(),
  status_message: WireText,
  errors: WireErrors.optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
};

/** The envelope alone, for calls whose other fields Paybridge does not read. */
export const PaytraceEnvelope = z.looseObject(EnvelopeShape);
/** An answer envelope. */
export type PaytraceEnvelope = z.infer<typeof PaytraceEnvelope>;

/** A sale, authorization, capture, void or refund answer (3.3 and 3.4 of the API facts). */
export const TransactionAnswer = z.looseObject({
  ...EnvelopeShape,
  transaction_id: WireTransactionId.optional(),
  approval_code: WireText,
  approval_message: WireText,
  avs_response: WireText,
  csc_response: WireText,
  masked_card_number: WireText,
});
/** A transaction answer. */
export type TransactionAnswer = z.infer<typeof TransactionAnswer>;

/** A vault answer (create 160, update 161, delete 162). */
export const CustomerAnswer = z.looseObject({
  ...EnvelopeShape,
  customer_id: WireText,
  masked_card_number: WireText,
});
/** A vault answer. */
export type CustomerAnswer = z.infer<typeof CustomerAnswer>;

/** The OAuth token answer; `expires_in` is 7200 in every source, assumed when absent. */
export const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});
