/**
 * Deterministic gateway decisions: which amounts decline and why, what AVS and CSC answer, when an
 * approval is auto-voided (103), and the padded `approval_message` texts processors return. The
 * triggers are listed in the package README.
 * @module
 */
import type { StoredCard } from './cards.js';
import type { PaytraceSimulatorSettings } from './settings.js';

/** Amount (cents) → padded decline text. 0.29 is the sandbox's observed trigger. */
export const DECLINE_AMOUNTS: ReadonlyMap<number, string> = new Map([
  [29, '  EXPIRED CARD - Expired card'],
  [51, '    DECLINE - Insufficient funds'],
  [11200, '    DECLINE - Do not honor'],
]);

/** ZIP that matches the test cards' address (PayTrace's own examples use it). */
export const MATCHING_ZIP = '85284';
/** ZIP that the simulated account's AVS auto-void rule rejects (103). */
export const AVS_VOID_ZIP = '99999';
/** CSC that never matches; with the CSC auto-void rule on, it turns an approval into 103. */
export const MISMATCH_CSC = '000';

/** A gateway decision for a sale or authorization. */
export interface Outcome {
  responseCode: 101 | 102 | 103;
  approvalCode: string;
  approvalMessage: string;
  avsResponse: string;
  cscResponse: string;
}

/** Inputs to a decision. CSC is only looked at, never kept. */
export interface DecisionInput {
  amountCents: number;
  card: StoredCard;
  /** `undefined` when no CSC was sent (vault and by-transaction charges). */
  csc: string | undefined;
  /** `undefined` when no billing address was sent. */
  billing: { zip: string; street: string } | undefined;
  now: number;
  transactionId: number;
  settings: PaytraceSimulatorSettings;
}

function avsFor(billing: DecisionInput['billing']): string {
  if (!billing || billing.zip === '') return billing ? 'Address Unavailable' : '';
  if (billing.zip !== MATCHING_ZIP) return 'No Match';
  return billing.street === '' ? 'Zip Match Only' : 'Full Exact Match';
}

function cscFor(csc: string | undefined): string {
  if (csc === undefined || csc === '') return '';
  return csc === MISMATCH_CSC ? 'No Match' : 'Match';
}

function approvedMessage(avs: string, code: string): string {
  if (avs === 'Full Exact Match') return 'EXACT MATCH - Approved and completed';
  if (avs === 'Zip Match Only') return '  ZIP MATCH - Approved and completed';
  if (avs === 'No Match') return '  NO  MATCH - Approved and completed';
  return `APPROVAL ${code}  - Approved and completed`;
}

function isExpired(card: StoredCard, now: number): boolean {
  const date = new Date(now);
  const current = date.getUTCFullYear() * 12 + date.getUTCMonth() + 1;
  return card.expirationYear * 12 + card.expirationMonth < current;
}

/** Decides the outcome of a charge: decline triggers first, then auto-void rules, else approval. */
export function decide(input: DecisionInput): Outcome {
  const avsResponse = avsFor(input.billing);
  const cscResponse = cscFor(input.csc);
  const decline = isExpired(input.card, input.now)
    ? '  EXPIRED CARD - Expired card'
    : DECLINE_AMOUNTS.get(input.amountCents);
  if (decline !== undefined) {
    return {
      responseCode: 102,
      approvalCode: '',
      approvalMessage: decline,
      avsResponse,
      cscResponse,
    };
  }
  const approvalCode = `TAS${String(input.transactionId % 1000).padStart(3, '0')}`;
  const approvalMessage = approvedMessage(avsResponse, approvalCode);
  const avsVoid = input.settings.avsAutoVoid && input.billing?.zip === AVS_VOID_ZIP;
  const cscVoid = input.settings.cscAutoVoid && input.csc === MISMATCH_CSC;
  const responseCode = avsVoid || cscVoid ? 103 : 101;
  return { responseCode, approvalCode, approvalMessage, avsResponse, cscResponse };
}

/** `status_message` of each transaction `response_code`. */
export const STATUS_MESSAGES: Record<number, string> = {
  101: 'Your transaction was successfully approved.',
  102: 'Your transaction was not approved.',
  103: 'Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match.',
  106: 'Your transaction was successfully refunded.',
  109: 'Your transaction was successfully voided.',
  112: 'Your transaction was successfully captured.',
};
