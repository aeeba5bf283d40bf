/**
 * The shared pieces every route module of the simulator works on: state, settings, clock and
 * the account's credentials. One object, passed to each route factory, so modules stay small.
 * @module
 */
import type { E2eeKeyPair } from './e2ee.js';
import type { PaytraceSimulatorSettings } from './settings.js';
import type { SimulatorState } from './state.js';

/** Credentials of the simulated API user. */
export interface PaytraceCredentials {
  username: string;
  password: string;
  integratorId: string;
}

/** Everything a route module needs. `state` is replaced wholesale on reset. */
export interface SimContext {
  state: SimulatorState;
  settings: PaytraceSimulatorSettings;
  credentials: PaytraceCredentials;
  /** Current simulated time in epoch milliseconds (injected clock plus admin offset). */
  now(): number;
  /** The RSA key pair of client-side encryption; survives `reset`, like the account itself. */
  e2ee: E2eeKeyPair;
}

/** Hono environment: `incoming` is present under @hono/node-server and lets faults reset sockets. */
export interface SimEnv {
  Bindings: { incoming?: { socket?: { destroy(): void } } };
}

/** Takes the next transaction id. */
export function nextTransactionId(sim: SimContext): number {
  const id = sim.state.nextTransactionId;
  sim.state.nextTransactionId += 1;
  return id;
}
