/**
 * What every refund shares, whatever it refers to: a new transaction id, response 106, pending
 * until the next batch close, no approval or AVS/CSC data, and the same answer to the caller.
 * @module
 */
import type { Context } from 'hono';
import { nextTransactionId, saveTransaction, type SimContext, type SimEnv } from './context.js';
import { STATUS_MESSAGES } from './outcomes.js';
import { sendJson } from './reply.js';
import type { SimTransaction } from './state.js';

/** The life-cycle fields of a new, unsettled refund of `amountCents`. */
export function newRefundFields(sim: SimContext, via: string, amountCents: number) {
  const now = sim.now();
  return {
    id: nextTransactionId(sim),
    type: 'REFUND',
    via,
    responseCode: 106,
    amountCents,
    capturedCents: amountCents,
    refundedCents: 0,
    captured: false,
    voided: false,
    pendingSince: now,
    batchNumber: null,
    settledAt: null,
    approvalCode: '',
    approvalMessage: '',
    avsResponse: '',
    cscResponse: '',
    createdAt: now,
  } satisfies Partial<SimTransaction>;
}

/**
 * Stores the refund and answers as PayTrace does for an accepted refund. Like sales, only a refund
 * to a card entered now (keyed) echoes `masked_card_number`: recorded refunds of a transaction
 * carry none.
 */
export function recordRefund(
  c: Context<SimEnv>,
  sim: SimContext,
  refund: SimTransaction,
  cardEntered: boolean,
): Response {
  sim.state.transactions.set(refund.id, refund);
  saveTransaction(sim, refund.id);
  if (refund.refundOf !== null) saveTransaction(sim, refund.refundOf);
  return sendJson(c, 200, {
    success: true,
    response_code: 106,
    status_message: STATUS_MESSAGES[106],
    transaction_id: refund.id,
    external_transaction_id: '',
    ...(cardEntered ? { masked_card_number: refund.card.maskedNumber } : {}),
  });
}
