/**
 * Admin routes for reconciliation tests and demos (outside PayTrace's API, like the rest of
 * `/__admin`): generate a business day, and download the bank statement of the processor's
 * deposits or the processor's fee statement for a date range.
 * @module
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { SimContext, SimEnv } from '../context.js';
import { readBody } from '../request-body.js';
import { sendJson } from '../reply.js';
import { batchMoney } from '../processor-fees.js';
import { applyDailyClose } from '../settlement.js';
import { depositLines, renderStatement } from './bank-statement.js';
import { GenerateDayInput } from './day-input.js';
import { renderFeeStatement } from './fee-statement.js';
import { generateDay } from './generate-day.js';

const Range = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((r) => r.from <= r.to, {
  message: '`from` must not be after `to`',
});
const StatementQuery = Range.and(
  z.object({ format: z.enum(['csv', 'ofx', 'camt053']).default('csv') }),
);

function invalid(error: z.ZodError) {
  return {
    errors: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}

/** Routes under `/__admin` for generated days and statements. */
export function dayRoutes(sim: SimContext): Hono<SimEnv> {
  return new Hono<SimEnv>()
    .post('/__admin/generate-day', async (c) => {
      const parsed = GenerateDayInput.safeParse(await readBody(c));
      if (!parsed.success) return sendJson(c, 422, invalid(parsed.error));
      applyDailyClose(sim);
      return sendJson(c, 200, { ...generateDay(sim, parsed.data) });
    })
    .get('/__admin/bank-statement', (c) => {
      const parsed = StatementQuery.safeParse(c.req.query());
      if (!parsed.success) return sendJson(c, 422, invalid(parsed.error));
      applyDailyClose(sim);
      const money = sim.state.batches.map((b) => batchMoney(b, sim.state.transactions));
      const { from, to, format } = parsed.data;
      const out = renderStatement(depositLines(money, from, to), format, { from, to });
      return new Response(out.body, { status: 200, headers: { 'content-type': out.contentType } });
    })
    .get('/__admin/fee-statement', (c) => {
      const parsed = Range.safeParse(c.req.query());
      if (!parsed.success) return sendJson(c, 422, invalid(parsed.error));
      applyDailyClose(sim);
      const body = renderFeeStatement(
        sim.state.batches,
        sim.state.transactions,
        parsed.data.from,
        parsed.data.to,
      );
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
    });
}
