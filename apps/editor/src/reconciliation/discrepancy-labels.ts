/**
 * Each kind of difference in words: the short label is the runtime's own (one list for the
 * matcher, the report and this page); the explanation beside it is what the page adds on
 * hover. Keyed by the kind enum, so a new kind fails the type check here until it is explained.
 *
 * @module
 */
import { DISCREPANCY_KINDS, DISCREPANCY_LABELS } from '@paybridge/nodes/reconcile';
import type { DiscrepancyKind } from './reconciliation-api';

/** What each kind means, for the person deciding what to do about it. */
export const DISCREPANCY_HELP: Record<DiscrepancyKind, string> = {
  not_booked: 'PayTrace settled it, but the ERP has no payment or refund for it.',
  not_settled: 'The ERP has a payment PayTrace has not settled within the allowed days.',
  amount_mismatch: 'PayTrace and the ERP have the transaction with different amounts.',
  refund_without_credit_memo: 'PayTrace refunded it, but the ERP has no credit memo for it.',
  duplicate_booking: 'The ERP has more than one document for one settled transaction.',
  fee_difference: 'The processor charged another fee than the fee schedule expects.',
  deposit_missing: 'No bank line matches the batch’s expected deposit in the date window.',
  deposit_short: 'The bank received less than the batch’s expected deposit.',
  not_in_shopify: 'PayTrace settled it, but no Shopify order carries its transaction id.',
};

/** Every kind in the report's order, with its label, for filters. */
export const KIND_OPTIONS = DISCREPANCY_KINDS.map((kind) => ({
  kind,
  label: DISCREPANCY_LABELS[kind],
}));

/** The words for a kind; an unknown one (a newer runtime) shows as sent rather than vanishing. */
export function discrepancyLabel(kind: string): string {
  return (DISCREPANCY_LABELS as Record<string, string>)[kind] ?? kind;
}
