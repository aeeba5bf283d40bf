/**
 * What flows hand to an ERP: the input documents every adapter accepts, as zod schemas (the
 * nodes validate with them, the editor shows them as mapping hints). Money is integer minor units
 * with an ISO 4217 currency; dates are calendar dates (`YYYY-MM-DD`), as accounting documents
 * carry them.
 *
 * @module
 */
import { z } from 'zod';
import { isCurrencyCode } from './currencies';

/** An ISO 4217 code such as `USD`. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter upper-case ISO 4217 code')
  .refine(isCurrencyCode, 'not an active ISO 4217 currency');

/** A non-negative amount in minor units (cents for USD, yen for JPY). */
export const MinorAmount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A strictly positive amount in minor units. */
export const PositiveAmount = MinorAmount.refine((n) => n > 0, 'must be greater than zero');

/**
 * A calendar date, `YYYY-MM-DD`. ERP nodes also take an ISO 8601 instant here and book it on its
 * day in the ledger's time zone (`booking-dates.ts`).
 */
export const CalendarDate = z.iso.date();

/**
 * The reference that makes a document idempotent: a Shopify order id, a PayTrace transaction id,
 * a settlement batch number. Posting twice with the same reference returns the first document.
 * Letters, digits and `-_.:#/` only, so it fits every ERP's reference field and query language.
 */
export const ExternalRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:#/-]+$/, 'letters, digits and - _ . : # / only');

/** A customer, keyed by the reference the flow knows it by (usually the Shopify customer id). */
export const CustomerInput = z.object({
  externalRef: ExternalRef,
  name: z.string().min(1).max(200),
  email: z.string().max(200).optional(),
  /** Shopify's customer id (a string: Shopify ids exceed 2^53). */
  shopifyCustomerId: z.string().max(40).optional(),
  /** PayTrace vault customer id, so later charges and refunds can find the card on file. */
  paytraceCustomerId: z.string().max(40).optional(),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

/** One priced line: `amount = quantity * unitAmount`. */
export const LineInput = z.object({
  description: z.string().min(1).max(400),
  quantity: z.number().int().positive().default(1),
  unitAmount: MinorAmount,
  /** Shopify SKU or product id, kept for reference. */
  sku: z.string().max(100).optional(),
});
export type LineInput = z.input<typeof LineInput>;

/** Totals shared by invoices and credit memos. */
const Charges = {
  tax: MinorAmount.default(0),
  shipping: MinorAmount.default(0),
  discount: MinorAmount.default(0),
};

/** A sales invoice, usually one per Shopify order. */
export const InvoiceInput = z.object({
  externalRef: ExternalRef,
  customerRef: ExternalRef,
  currency: CurrencyCode,
  date: CalendarDate,
  dueDate: CalendarDate.optional(),
  lines: z.array(LineInput).min(1).max(500),
  ...Charges,
  memo: z.string().max(1000).optional(),
});
export type InvoiceInput = z.input<typeof InvoiceInput>;

/** A customer payment applied to one invoice (a PayTrace sale or capture). */
export const PaymentInput = z.object({
  externalRef: ExternalRef,
  invoiceRef: ExternalRef,
  currency: CurrencyCode,
  amount: PositiveAmount,
  date: CalendarDate,
  memo: z.string().max(1000).optional(),
});
export type PaymentInput = z.infer<typeof PaymentInput>;

/**
 * A credit memo (a return or refund). Of its total, `refundAmount` is paid back to the customer;
 * the rest is applied to `invoiceRef`'s open balance as far as it goes, and anything left stays
 * as customer credit. No balance is ever driven below zero.
 */
export const CreditMemoInput = z
  .object({
    externalRef: ExternalRef,
    /** The customer; optional when `invoiceRef` is given (the invoice's customer is used). */
    customerRef: ExternalRef.optional(),
    invoiceRef: ExternalRef.optional(),
    currency: CurrencyCode,
    date: CalendarDate,
    /** May be empty when the memo credits only shipping or tax (a shipping-only refund). */
    lines: z.array(LineInput).max(500),
    ...Charges,
    refundAmount: MinorAmount.default(0),
    memo: z.string().max(1000).optional(),
  })
  .refine((m) => m.customerRef !== undefined || m.invoiceRef !== undefined, {
    message: 'needs a customerRef or an invoiceRef',
    path: ['customerRef'],
  })
  .refine((m) => m.lines.length > 0 || m.shipping > 0 || m.tax > 0, {
    message: 'needs at least one line, or shipping or tax to credit',
    path: ['lines'],
  });
export type CreditMemoInput = z.input<typeof CreditMemoInput>;

/** One journal line: an account (code or role, see `accounts.ts`) and a debit or a credit. */
export const JournalLineInput = z.object({
  account: z.string().min(1).max(100),
  debit: MinorAmount.default(0),
  credit: MinorAmount.default(0),
  description: z.string().max(400).optional(),
  /**
   * The customer a receivable line concerns. QuickBooks requires one on Accounts Receivable
   * lines; the built-in ledger keeps receivables per document and ignores it.
   */
  customerRef: ExternalRef.optional(),
});
export type JournalLineInput = z.input<typeof JournalLineInput>;

/** A general-ledger journal entry (a settlement, a fee, an adjustment). Must balance. */
export const JournalInput = z.object({
  externalRef: ExternalRef,
  currency: CurrencyCode,
  date: CalendarDate,
  memo: z.string().max(1000).optional(),
  lines: z.array(JournalLineInput).min(2).max(500),
});
export type JournalInput = z.input<typeof JournalInput>;

/** Where a chargeback case stands. */
export const DisputeStatus = z.enum(['open', 'evidence_submitted', 'won', 'lost']);
export type DisputeStatus = z.infer<typeof DisputeStatus>;

/** A chargeback: the card network took `amount` back pending the case. */
export const DisputeInput = z.object({
  externalRef: ExternalRef,
  customerRef: ExternalRef.optional(),
  invoiceRef: ExternalRef.optional(),
  /** The disputed payment (PayTrace transaction id). */
  transactionRef: z.string().max(64).optional(),
  currency: CurrencyCode,
  amount: PositiveAmount,
  reason: z.string().min(1).max(200),
  date: CalendarDate,
  evidenceDueBy: CalendarDate.optional(),
  memo: z.string().max(1000).optional(),
});
export type DisputeInput = z.infer<typeof DisputeInput>;

/** A change of a dispute's status; `won` and `lost` are final. */
export const DisputeUpdateInput = z.object({
  externalRef: ExternalRef,
  status: DisputeStatus.exclude(['open']),
  date: CalendarDate,
  memo: z.string().max(1000).optional(),
});
export type DisputeUpdateInput = z.infer<typeof DisputeUpdateInput>;

/** Kinds of document an adapter can look up by reference. */
export const DocumentType = z.enum([
  'customer',
  'invoice',
  'payment',
  'credit-memo',
  'journal',
  'dispute',
]);
export type DocumentType = z.infer<typeof DocumentType>;
