/**
 * What an ERP hands back: the documents as every adapter reports them, whatever the ERP's own
 * shape. `id` is the ERP's identifier; `externalRef` is the flow's idempotency reference.
 *
 * @module
 */
import { z } from 'zod';
import { DisputeStatus } from './documents';

export const CustomerRecord = z.object({
  type: z.literal('customer'),
  id: z.string(),
  externalRef: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  shopifyCustomerId: z.string().nullable(),
  paytraceCustomerId: z.string().nullable(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

const RecordLine = z.object({
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: z.number().int(),
  amount: z.number().int(),
});

export const InvoiceRecord = z.object({
  type: z.literal('invoice'),
  id: z.string(),
  externalRef: z.string(),
  customerRef: z.string(),
  currency: z.string(),
  date: z.string(),
  lines: z.array(RecordLine),
  subtotal: z.number().int(),
  tax: z.number().int(),
  shipping: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
  /** What the customer still owes on it. */
  openBalance: z.number().int(),
});
export type InvoiceRecord = z.infer<typeof InvoiceRecord>;

export const PaymentRecord = z.object({
  type: z.literal('payment'),
  id: z.string(),
  externalRef: z.string(),
  invoiceRef: z.string(),
  currency: z.string(),
  amount: z.number().int(),
  date: z.string(),
});
export type PaymentRecord = z.infer<typeof PaymentRecord>;

export const CreditMemoRecord = z.object({
  type: z.literal('credit-memo'),
  id: z.string(),
  externalRef: z.string(),
  customerRef: z.string(),
  invoiceRef: z.string().nullable(),
  currency: z.string(),
  date: z.string(),
  total: z.number().int(),
  /** Applied to the invoice's open balance. */
  applied: z.number().int(),
  /** Paid back to the customer. */
  refunded: z.number().int(),
  /** Left as customer credit: total - applied - refunded. */
  remainingCredit: z.number().int(),
});
export type CreditMemoRecord = z.infer<typeof CreditMemoRecord>;

export const JournalRecord = z.object({
  type: z.literal('journal'),
  id: z.string(),
  externalRef: z.string(),
  currency: z.string(),
  date: z.string(),
  memo: z.string().nullable(),
  lines: z.array(
    z.object({
      account: z.string(),
      debit: z.number().int(),
      credit: z.number().int(),
      description: z.string().nullable(),
    }),
  ),
  /** Sum of the debits (equal to the credits). */
  total: z.number().int(),
});
export type JournalRecord = z.infer<typeof JournalRecord>;

export const DisputeRecord = z.object({
  type: z.literal('dispute'),
  id: z.string(),
  externalRef: z.string(),
  currency: z.string(),
  amount: z.number().int(),
  reason: z.string(),
  status: DisputeStatus,
  openedOn: z.string(),
  evidenceDueBy: z.string().nullable(),
});
export type DisputeRecord = z.infer<typeof DisputeRecord>;

/** Any document, discriminated by `type`. */
export const ErpDocument = z.discriminatedUnion('type', [
  CustomerRecord,
  InvoiceRecord,
  PaymentRecord,
  CreditMemoRecord,
  JournalRecord,
  DisputeRecord,
]);
export type ErpDocument = z.infer<typeof ErpDocument>;

/** The record type for a document type name. */
export type ErpDocumentOf<T extends ErpDocument['type']> = Extract<ErpDocument, { type: T }>;

/** A posting's answer: the document, and whether this call created it (false on a repeat). */
export interface Posted<T> {
  readonly document: T;
  readonly created: boolean;
}
