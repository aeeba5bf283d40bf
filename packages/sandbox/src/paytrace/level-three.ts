/**
 * Level 3 enhanced data (`/v1/level_three/visa`, `/v1/level_three/mastercard`): accepted only for
 * approved, unsettled transactions of that brand, answered with 170 and the line-item count.
 * @module
 */
import { Hono } from 'hono';
import type { CardBrand } from './cards.js';
import type { SimContext, SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { readBody, transactionId } from './request-body.js';
import { sendErrors, sendJson } from './reply.js';

/** Routes for Level 3 data. */
export function levelThreeRoutes(sim: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const brands: [string, CardBrand][] = [
    ['visa', 'VISA'],
    ['mastercard', 'MASTERCARD'],
  ];
  for (const [path, brand] of brands) {
    app.post(`/v1/level_three/${path}`, async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const tx = sim.state.transactions.get(id);
      if (!tx) return sendErrors(c, sim, errorOf(811));
      const eligible =
        tx.card.brand === brand &&
        tx.type !== 'REFUND' &&
        tx.responseCode === 101 &&
        !tx.voided &&
        tx.batchNumber === null;
      if (!eligible) return sendErrors(c, sim, errorOf(510));
      const items = Array.isArray(body.line_items) ? body.line_items.length : 0;
      return sendJson(c, 200, {
        success: true,
        response_code: 170,
        status_message: `Visa/MasterCard enhanced data was successfully added to Transaction ID ${id}. ${items} line item records were created.`,
      });
    });
  }
  return app;
}
