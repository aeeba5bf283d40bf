/**
 * Refunds not tied to a previous transaction (`refund/keyed`, `refund/to_customer`) and the email
 * receipt. Unreferenced refunds answer 106 with a new transaction id and settle like sales.
 * @module
 */
import { Hono, type Context } from 'hono';
import type { StoredCard } from './cards.js';
import type { SimContext, SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { readKeyedCard } from './keyed-card.js';
import { parseAmountCents } from './money.js';
import { readBody, text, transactionId, type Body } from './request-body.js';
import { newRefundFields, recordRefund } from './refund-record.js';
import { sendErrors, sendJson } from './reply.js';
import { readAddress, type SimTransaction } from './state.js';

function refund(
  c: Context<SimEnv>,
  sim: SimContext,
  body: Body,
  card: StoredCard,
  via: string,
  customerId: string,
): Response {
  const amount = parseAmountCents(body.amount);
  if (amount === undefined || amount === 0) return sendErrors(c, sim, errorOf(500));
  const tx: SimTransaction = {
    ...newRefundFields(sim, via, amount),
    card,
    customerId,
    invoiceId: text(body, 'invoice_id'),
    description: text(body, 'description'),
    customerReferenceId: text(body, 'customer_reference_id'),
    taxAmountCents: parseAmountCents(body.tax_amount) ?? null,
    email: text(body, 'email'),
    billing: readAddress(body.billing_address),
    shipping: readAddress(body.shipping_address),
    refundOf: null,
    createdBy: sim.credentials.username,
  };
  return recordRefund(c, sim, tx, via === 'keyed');
}

/** Routes for keyed and vault refunds and the email receipt. */
export function directRefundRoutes(sim: SimContext): Hono<SimEnv> {
  return new Hono<SimEnv>()
    .post('/v1/transactions/refund/keyed', async (c) => {
      const body = await readBody(c);
      const keyed = await readKeyedCard(sim, body);
      if (keyed.errors) return sendErrors(c, sim, keyed.errors);
      return refund(c, sim, body, keyed.card, 'keyed', text(body, 'customer_id'));
    })
    .post('/v1/transactions/refund/to_customer', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const customer = sim.state.customers.get(customerId);
      if (!customer) return sendErrors(c, sim, errorOf(30, customerId));
      return refund(c, sim, body, customer.card, 'to_customer', customerId);
    })
    .post('/v1/transactions/email_receipt', async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      if (!sim.state.transactions.has(id)) return sendErrors(c, sim, errorOf(811));
      return sendJson(c, 200, {
        success: true,
        response_code: 149,
        status_message: `The receipt for transaction ID ${id} was successfully emailed to ${text(body, 'email')}.`,
      });
    });
}
