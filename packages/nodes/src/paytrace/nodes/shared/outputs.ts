/**
 * What PayTrace nodes emit. Transaction ids are strings, amounts are integer minor units with a
 * currency, cards appear as their last four digits at most. Browser-safe: the editor shows these
 * shapes as mapping hints.
 *
 * @module
 */
import { z } from 'zod';

/** An amount: integer minor units and an ISO 4217 currency. */
export const MoneyValue = z.object({
  minor: z.int().meta({ examples: [4999] }),
  currency: z
    .string()
    .length(3)
    .meta({ examples: ['USD'] }),
});

/** The payment operations of the payment nodes. */
export const PAYMENT_OPERATIONS = ['sale', 'authorization', 'capture', 'void', 'refund'] as const;

const OutcomeFields = {
  operation: z.enum(PAYMENT_OPERATIONS),
  /** The transaction this operation acted on (capture, void, refund), else null. */
  targetTransactionId: z.string().nullable(),
  /** Null when PayTrace did not say (a full capture or refund without a given amount). */
  amount: MoneyValue.nullable(),
  responseCode: z.int().nullable(),
  avsResponse: z.string(),
  cscResponse: z.string(),
  cardLastFour: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  /** The invoice id Paybridge sent (its exactly-once reference), when the operation takes one. */
  invoiceId: z.string().nullable(),
};

/** A payment PayTrace approved (101, 106, 109, 112). */
export const ApprovedPayment = z.object({
  status: z.literal('approved'),
  ...OutcomeFields,
  transactionId: z.string(),
  approvalCode: z.string(),
  /** The processor's text, trimmed (`EXACT MATCH - Approved and completed`). */
  approvalMessage: z.string(),
  /** PayTrace's `status_message` (`Your transaction was successfully approved.`). */
  statusMessage: z.string(),
});

/** A payment PayTrace declined (102, auto-voided 103, or a failed follow-up). */
export const DeclinedPayment = z.object({
  status: z.literal('declined'),
  ...OutcomeFields,
  /** Declines get a transaction id too; null when PayTrace gave none. */
  transactionId: z.string().nullable(),
  /** PayTrace's reason: the processor's approval message, trimmed. */
  reason: z.string(),
});

/** The outcome of a payment operation, as recorded in the effect ledger. */
export const PaymentOutcome = z.discriminatedUnion('status', [ApprovedPayment, DeclinedPayment]);
/** A payment outcome. */
export type PaymentOutcome = z.infer<typeof PaymentOutcome>;

/** Where the emitted outcome came from: PayTrace's answer now, the ledger, or a lookup. */
export const PaymentOrigin = z.enum(['gateway', 'ledger', 'lookup']);
/** Where an outcome came from. */
export type PaymentOrigin = z.infer<typeof PaymentOrigin>;

/** What payment nodes emit on `approved` and `declined`. */
export const PaymentOutput = z.discriminatedUnion('status', [
  ApprovedPayment.extend({ origin: PaymentOrigin }),
  DeclinedPayment.extend({ origin: PaymentOrigin }),
]);
/** A payment node's output. */
export type PaymentOutput = z.infer<typeof PaymentOutput>;

/** The ports of every payment node. */
export const PAYMENT_PORTS = {
  inputs: ['in'],
  outputs: ['approved', 'declined', 'error'],
} as const;

/** One transaction as the export nodes emit it. */
export const TransactionRecord = z.object({
  transactionId: z.string(),
  /** PayTrace's transaction type: SALE, AUTHORIZATION, REFUND, … */
  type: z.string(),
  status: z.enum(['approved', 'declined', 'voided', 'pending', 'settled']),
  amount: MoneyValue.nullable(),
  taxAmount: MoneyValue.nullable(),
  invoiceId: z.string(),
  description: z.string(),
  customerId: z.string(),
  customerReferenceId: z.string(),
  approvalCode: z.string(),
  approvalMessage: z.string(),
  avsResponse: z.string(),
  cscResponse: z.string(),
  cardLastFour: z.string().nullable(),
  /**
   * ISO 8601 with the offset of the merchant's time zone (the connection's `timeZone`):
   * PayTrace's `4/10/2015 4:06:30 PM` in `America/Los_Angeles` is `2015-04-10T16:06:30-07:00`.
   */
  createdAt: z.iso.datetime({ offset: true }).nullable(),
  settledAt: z.iso.datetime({ offset: true }).nullable(),
});
/** An exported transaction. */
export type TransactionRecord = z.infer<typeof TransactionRecord>;

/** One settlement batch (PayTrace does not document these fields; missing ones are null). */
export const BatchRecord = z.object({
  batchNumber: z.int(),
  /** Closing time, ISO 8601 in the merchant's time zone; null for the batch still pending. */
  createdAt: z.iso.datetime({ offset: true }).nullable(),
  transactionCount: z.int().nullable(),
  netAmount: MoneyValue.nullable(),
  salesCount: z.int().nullable(),
  salesAmount: MoneyValue.nullable(),
  refundCount: z.int().nullable(),
  refundAmount: MoneyValue.nullable(),
});
/** A batch summary. */
export type BatchRecord = z.infer<typeof BatchRecord>;
