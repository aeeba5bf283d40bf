/**
 * Simulators of the PayTrace gateway (JSON API v1) and, later, a Shopify store, written from the
 * public API facts and sharing no code with the connectors in `packages/nodes`.
 * @module
 */
export {
  createPaytraceSimulator,
  DEMO_CREDENTIALS,
  type PaytraceSimulator,
  type PaytraceSimulatorHandle,
  type PaytraceSimulatorOptions,
} from './paytrace/simulator.js';
export {
  startPaytraceSimulator,
  type RunningPaytraceSimulator,
  type StartPaytraceSimulatorOptions,
} from './paytrace/start.js';
export type { PaytraceCredentials } from './paytrace/context.js';
export type { PaytraceSimulatorSettings } from './paytrace/settings.js';
export type {
  Fault,
  SimBatch,
  SimCustomer,
  SimTransaction,
  SimulatorState,
} from './paytrace/state.js';
export type { StoredCard } from './paytrace/cards.js';
