/**
 * Fault injection per endpoint: added latency, an HTTP 5xx without processing, a connection reset
 * before processing, and a reset after processing (the effect happened, the caller never hears of
 * it). Resets destroy the socket, which needs @hono/node-server's `incoming` binding; without one
 * (in-process `app.request`) the handler throws instead, which the caller also sees as a failure.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import type { Fault } from './state.js';

/** Finds the fault for a request path: exact path, path suffix (when mounted), or `*`. */
function faultFor(sim: SimContext, path: string): Fault | undefined {
  for (const [key, fault] of sim.state.faults) {
    if (key !== '*' && (path === key || path.endsWith(key))) return fault;
  }
  return sim.state.faults.get('*');
}

function consume(sim: SimContext, fault: Fault): void {
  if (fault.remaining === undefined) return;
  fault.remaining -= 1;
  if (fault.remaining <= 0) {
    for (const [key, value] of sim.state.faults) if (value === fault) sim.state.faults.delete(key);
  }
}

function resetConnection(c: Context<SimEnv>): void {
  const socket = c.env?.incoming?.socket;
  if (!socket) throw new Error('simulated connection reset');
  socket.destroy();
}

/** Middleware applying the configured fault, if any, to this request. */
export function faultInjection(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async function faultInjection(c, next) {
    const fault = faultFor(sim, c.req.path);
    if (!fault) return next();
    fault.seen = (fault.seen ?? 0) + 1;
    if (fault.every !== undefined && fault.every > 1 && fault.seen % fault.every !== 0) {
      return next();
    }
    consume(sim, fault);
    if (fault.latencyMs !== undefined && fault.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    }
    if (fault.status !== undefined) {
      return c.text('Service Unavailable', fault.status as 500);
    }
    if (fault.reset === 'before') {
      resetConnection(c);
      return c.body(null, 500);
    }
    await next();
    if (fault.reset === 'after') resetConnection(c);
  };
}
