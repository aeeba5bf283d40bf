/**
 * PayTrace answers and export records turned into payment outcomes, the shape the ledger records
 * and the payment nodes emit.
 *
 * @module
 */
import { classifyAnswer } from './client/classify-answer';
import { PaytraceOutcomeUnknownError } from './client/errors';
import { PAYTRACE_CURRENCY, paytraceMoney, type Money } from './client/money';
import { lastFour, recordStatus } from './client/records';
import type { TransactionAnswer } from './client/wire/answers';
import type { WireExportRecord } from './client/wire/export-answers';
import type { PaymentOutcome } from './nodes/shared/outputs';

/** What the caller knows about the operation besides PayTrace's answer. */
export interface OutcomeFacts {
  readonly operation: PaymentOutcome['operation'];
  /** The amount requested, or null for a full capture or refund. */
  readonly amount: Money | null;
  readonly invoiceId: string | null;
  readonly targetTransactionId: string | null;
}

function common(facts: OutcomeFacts) {
  return {
    operation: facts.operation,
    targetTransactionId: facts.targetTransactionId,
    amount: facts.amount,
    invoiceId: facts.invoiceId,
  };
}

/**
 * The outcome of a definite answer. Throws the answer's PaytraceRefusedError for a refusal, and
 * PaytraceOutcomeUnknownError for an approval without a transaction id (it happened, but cannot be
 * referred to: a lookup will find it).
 */
export function outcomeFromAnswer(answer: TransactionAnswer, facts: OutcomeFacts): PaymentOutcome {
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'refused') throw verdict.error;
  const transactionId = answer.transaction_id ?? facts.targetTransactionId;
  const shared = {
    ...common(facts),
    responseCode: answer.response_code ?? null,
    avsResponse: answer.avs_response.trim(),
    cscResponse: answer.csc_response.trim(),
    cardLastFour: lastFour(answer.masked_card_number),
  };
  if (verdict.kind === 'declined') {
    return {
      status: 'declined',
      ...shared,
      transactionId: transactionId ?? null,
      reason: verdict.reason,
    };
  }
  if (transactionId === null) {
    throw new PaytraceOutcomeUnknownError(
      'PAYTRACE_ANSWER_UNREADABLE',
      'PayTrace approved without a transaction id; the payment is looked up by its invoice id',
    );
  }
  return {
    status: 'approved',
    ...shared,
    transactionId,
    approvalCode: answer.approval_code.trim(),
    approvalMessage: answer.approval_message.trim(),
    statusMessage: answer.status_message.trim(),
  };
}

/** The outcome a lookup found in an export record (declined and voided records moved no money). */
export function outcomeFromRecord(record: WireExportRecord, facts: OutcomeFacts): PaymentOutcome {
  const status = recordStatus(record);
  const amount = paytraceMoney(record.amount);
  const shared = {
    ...common(facts),
    amount: amount ?? facts.amount,
    responseCode: record.response_code ?? null,
    avsResponse: record.avs_response.trim(),
    cscResponse: record.csc_response.trim(),
    cardLastFour: lastFour(record.credit_card?.masked_number ?? ''),
  };
  if (status === 'declined' || status === 'voided') {
    const fallback =
      status === 'voided' ? 'Voided (found by lookup)' : 'Declined (found by lookup)';
    return {
      status: 'declined',
      ...shared,
      transactionId: record.transaction_id,
      reason: record.approval_message.trim() || fallback,
    };
  }
  return {
    status: 'approved',
    ...shared,
    transactionId: record.transaction_id,
    approvalCode: record.approval_code.trim(),
    approvalMessage: record.approval_message.trim(),
    statusMessage: 'Found by lookup after a lost answer.',
  };
}

/** Money in USD, for amounts given in minor units by a node's config. */
export function usd(minor: number): Money {
  return { minor, currency: PAYTRACE_CURRENCY };
}
