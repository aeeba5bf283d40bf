/**
 * A small admin API for tests, outside PayTrace's surface (`/__admin/...`, no token): read
 * transactions, batches and customers as the simulator holds them (integer cents, masked cards
 * only), reset, change settings, move the clock, expire tokens and install faults.
 * @module
 */
import { Hono } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import { readBody } from './request-body.js';
import { sendJson } from './reply.js';
import type { PaytraceSimulatorSettings } from './settings.js';
import { applyDailyClose } from './settlement.js';
import type { Fault } from './state.js';

/** The handle operations the admin API exposes. */
interface AdminHandle {
  reset(): void;
  advanceClock(ms: number): void;
  setFault(path: string, fault: Fault): void;
  clearFaults(): void;
  expireTokens(): void;
}

function readFault(body: Record<string, unknown>): Fault {
  const fault: Fault = {};
  if (typeof body.latency_ms === 'number') fault.latencyMs = body.latency_ms;
  if (typeof body.status === 'number') fault.status = body.status;
  if (body.reset === 'before' || body.reset === 'after') fault.reset = body.reset;
  if (typeof body.count === 'number') fault.remaining = body.count;
  if (typeof body.every === 'number') fault.every = body.every;
  return fault;
}

/** Routes under `/__admin`. */
export function adminRoutes(sim: SimContext, handle: AdminHandle): Hono<SimEnv> {
  return new Hono<SimEnv>()
    .get('/__admin/transactions', (c) => {
      applyDailyClose(sim);
      return sendJson(c, 200, { transactions: [...sim.state.transactions.values()] });
    })
    .get('/__admin/batches', (c) => {
      applyDailyClose(sim);
      return sendJson(c, 200, { batches: sim.state.batches });
    })
    .get('/__admin/customers', (c) =>
      sendJson(c, 200, { customers: [...sim.state.customers.values()] }),
    )
    .post('/__admin/reset', (c) => {
      handle.reset();
      return sendJson(c, 200, { reset: true });
    })
    .get('/__admin/settings', (c) => sendJson(c, 200, { ...sim.settings }))
    .patch('/__admin/settings', async (c) => {
      const body = (await readBody(c)) as Partial<PaytraceSimulatorSettings>;
      for (const key of Object.keys(sim.settings) as (keyof PaytraceSimulatorSettings)[]) {
        if (key in body) Object.assign(sim.settings, { [key]: body[key] });
      }
      return sendJson(c, 200, { ...sim.settings });
    })
    .post('/__admin/clock', async (c) => {
      const body = await readBody(c);
      const seconds = typeof body.advance_seconds === 'number' ? body.advance_seconds : 0;
      handle.advanceClock(seconds * 1000);
      return sendJson(c, 200, { now: new Date(sim.now()).toISOString() });
    })
    .post('/__admin/tokens/expire', (c) => {
      handle.expireTokens();
      return sendJson(c, 200, { expired: true });
    })
    .get('/__admin/faults', (c) =>
      sendJson(c, 200, { faults: Object.fromEntries(sim.state.faults) }),
    )
    .post('/__admin/faults', async (c) => {
      const body = await readBody(c);
      const path = typeof body.path === 'string' ? body.path : '*';
      handle.setFault(path, readFault(body));
      return sendJson(c, 200, { faults: Object.fromEntries(sim.state.faults) });
    })
    .delete('/__admin/faults', (c) => {
      handle.clearFaults();
      return sendJson(c, 200, { faults: {} });
    });
}
