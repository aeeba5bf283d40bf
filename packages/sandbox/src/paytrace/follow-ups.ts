/**
 * Follow-up operations on existing transactions, enforcing PayTrace's life cycle: capture only
 * uncaptured approved authorizations (816), void only while pending settlement (818), refund only
 * settled transactions (817) and never more than was captured; unknown ids 811, invalid ids 58.
 * @module
 */
import { Hono } from 'hono';
import { saveTransaction, type SimContext, type SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { parseAmountCents } from './money.js';
import { STATUS_MESSAGES } from './outcomes.js';
import { readBody, text, transactionId } from './request-body.js';
import { sendErrors, sendJson } from './reply.js';
import { newRefundFields, recordRefund } from './refund-record.js';
import { isPendingSettlement, type SimTransaction } from './state.js';

/** Routes for capture, void and refund-for-transaction. */
export function followUpRoutes(sim: SimContext): Hono<SimEnv> {
  return new Hono<SimEnv>()
    .post('/v1/transactions/authorization/capture', async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const tx = sim.state.transactions.get(id);
      if (!tx) return sendErrors(c, sim, errorOf(811));
      if (tx.type !== 'AUTHORIZATION' || tx.responseCode !== 101 || tx.captured || tx.voided) {
        return sendErrors(c, sim, errorOf(816));
      }
      const amount = body.amount === undefined ? tx.amountCents : parseAmountCents(body.amount);
      if (amount === undefined || amount === 0) return sendErrors(c, sim, errorOf(500));
      if (amount > tx.amountCents) return sendErrors(c, sim, errorOf(503));
      tx.captured = true;
      tx.capturedCents = amount;
      tx.pendingSince = sim.now();
      saveTransaction(sim, tx.id);
      return sendJson(c, 200, {
        success: true,
        response_code: 112,
        status_message: STATUS_MESSAGES[112],
        transaction_id: tx.id,
        external_transaction_id: '',
      });
    })
    .post('/v1/transactions/void', async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const tx = sim.state.transactions.get(id);
      if (!tx) return sendErrors(c, sim, errorOf(811));
      const uncapturedAuth =
        tx.type === 'AUTHORIZATION' && tx.responseCode === 101 && !tx.captured && !tx.voided;
      if (!isPendingSettlement(tx) && !uncapturedAuth) return sendErrors(c, sim, errorOf(818));
      tx.voided = true;
      if (tx.refundOf !== null) {
        const original = sim.state.transactions.get(tx.refundOf);
        if (original) original.refundedCents -= tx.capturedCents;
        if (original) saveTransaction(sim, original.id);
      }
      saveTransaction(sim, tx.id);
      return sendJson(c, 200, {
        success: true,
        response_code: 109,
        status_message: STATUS_MESSAGES[109],
        transaction_id: tx.id,
      });
    })
    .post('/v1/transactions/refund/for_transaction', async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const original = sim.state.transactions.get(id);
      if (!original) return sendErrors(c, sim, errorOf(811));
      const settled = original.batchNumber !== null && !original.voided;
      if (original.type === 'REFUND' || !settled || original.capturedCents === 0) {
        return sendErrors(c, sim, errorOf(817));
      }
      const refundable = original.capturedCents - original.refundedCents;
      const amount = body.amount === undefined ? refundable : parseAmountCents(body.amount);
      if (amount === undefined || amount === 0) return sendErrors(c, sim, errorOf(500));
      if (amount > refundable) return sendErrors(c, sim, errorOf(503));
      const refund: SimTransaction = {
        ...original,
        ...newRefundFields(sim, 'for_transaction', amount),
        invoiceId: text(body, 'invoice_id') || original.invoiceId,
        description: text(body, 'description') || original.description,
        refundOf: original.id,
      };
      original.refundedCents += amount;
      return recordRefund(c, sim, refund, false);
    });
}
