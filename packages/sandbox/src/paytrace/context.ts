/**
 * The shared pieces every route module of the simulator works on: state, settings, clock and
 * the account's credentials. One object, passed to each route factory, so modules stay small.
 * @module
 */
import type { Persistence } from '../persistence/persistence.js';
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
  /** Where state changes go (memory, or the host's durable store). */
  persistence: Persistence;
}

/** Hono environment: `incoming` is present under @hono/node-server and lets faults reset sockets. */
export interface SimEnv {
  Bindings: { incoming?: { socket?: { destroy(): void } } };
}

/** Takes the next transaction id. */
export function nextTransactionId(sim: SimContext): number {
  return Number(sim.state.sequences.next('transaction'));
}

/** Marks a transaction changed (kept by a durable simulator). */
export function saveTransaction(sim: SimContext, id: number): void {
  sim.persistence.mark('transaction', String(id), () => sim.state.transactions.get(id));
}

/** Marks a vault profile changed or deleted. */
export function saveCustomer(sim: SimContext, customerId: string): void {
  sim.persistence.mark('customer', customerId, () => sim.state.customers.get(customerId));
}

/** Marks a closed batch. */
export function saveBatch(sim: SimContext, number: number): void {
  sim.persistence.mark('batch', String(number), () =>
    sim.state.batches.find((b) => b.number === number),
  );
}

/** Marks an issued access token changed (issued, or gone once expired tokens are forgotten). */
export function saveToken(sim: SimContext, token: string): void {
  sim.persistence.mark('token', token, () => sim.state.tokens.get(token));
}

/** Marks a chargeback case opened or changed. */
export function saveChargeback(sim: SimContext, caseNumber: string): void {
  sim.persistence.mark('chargeback', caseNumber, () => sim.state.chargebacks.get(caseNumber));
}

/** Marks the account's clock-driven bookkeeping (last daily close checked). */
export function saveAccount(sim: SimContext): void {
  sim.persistence.mark('account', 'account', () => ({
    autoCloseCheckedAt: sim.state.autoCloseCheckedAt,
  }));
}
