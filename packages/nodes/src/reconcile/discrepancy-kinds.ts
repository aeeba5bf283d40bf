/**
 * The kinds of difference a settlement reconciliation reports. One list for the matcher, the
 * API, the editor's filters and the report, so a kind named in one place exists in all of them.
 * Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

/** Every kind, in the order the report lists them. */
export const DISCREPANCY_KINDS = [
  /** Settled at PayTrace, no ERP payment for it. */
  'not_booked',
  /** Booked in the ERP, not settled at PayTrace after N days. */
  'not_settled',
  /** Booked for another amount than PayTrace settled. */
  'amount_mismatch',
  /** A settled refund with no ERP credit memo. */
  'refund_without_credit_memo',
  /** More than one ERP document for one PayTrace transaction. */
  'duplicate_booking',
  /** The processor charged another fee than the fee schedule says. */
  'fee_difference',
  /** No bank line for a batch's deposit within the date window. */
  'deposit_missing',
  /** The bank received less than the batch's expected deposit. */
  'deposit_short',
  /** Settled, but no Shopify order carries the transaction id. */
  'not_in_shopify',
] as const;

/** A discrepancy kind as a zod enum (API filters and response schemas). */
export const DiscrepancyKind = z.enum(DISCREPANCY_KINDS);
/** A discrepancy kind. */
export type DiscrepancyKind = z.infer<typeof DiscrepancyKind>;

/** Short labels for reports and the editor. */
export const DISCREPANCY_LABELS: Readonly<Record<DiscrepancyKind, string>> = {
  not_booked: 'In PayTrace, not booked',
  not_settled: 'Booked, not settled',
  amount_mismatch: 'Amount mismatch',
  refund_without_credit_memo: 'Refund without credit memo',
  duplicate_booking: 'Duplicate booking',
  fee_difference: 'Fee difference',
  deposit_missing: 'Deposit missing',
  deposit_short: 'Deposit short',
  not_in_shopify: 'Not in Shopify',
};

/** Kinds an operator can fix by booking the missing ERP document. */
export const CREATABLE_KINDS: readonly DiscrepancyKind[] = [
  'not_booked',
  'refund_without_credit_memo',
];
