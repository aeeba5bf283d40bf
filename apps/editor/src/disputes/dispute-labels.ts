/**
 * Words for a case's status and intake channels, shared by the Disputes page and the ledger's
 * disputes tab (the same four states: the case and its ledger document move together).
 *
 * @module
 */
import type { DisputeCaseStatus } from './disputes-api';

/** A case's status in words. */
export const STATUS_LABELS: Record<DisputeCaseStatus, string> = {
  open: 'open',
  evidence_submitted: 'evidence submitted',
  won: 'won',
  lost: 'lost',
};

const CHANNEL_LABELS: Record<string, string> = {
  shopify: 'Shopify dispute',
  'processor-notice': 'Processor notice',
  report: 'PayTrace report',
};

/** An intake channel in words; an unknown one as it came. */
export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/** What a case's outcome means for the money, once it has one. */
export function outcomeText(status: DisputeCaseStatus): string | null {
  if (status === 'won') return 'Won: the amount was released from the chargeback reserve.';
  if (status === 'lost') return 'Lost: the amount was written off to chargeback losses.';
  return null;
}
