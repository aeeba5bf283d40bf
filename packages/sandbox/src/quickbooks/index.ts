/**
 * The QuickBooks Online simulator's public surface (re-exported by the sandbox package index).
 * @module
 */
export {
  createQuickbooksSimulator,
  openQuickbooksSimulator,
  QUICKBOOKS_DEMO_APP,
  type DurableQuickbooksSimulator,
  type QuickbooksSimulator,
  type QuickbooksSimulatorHandle,
  type QuickbooksSimulatorOptions,
} from './simulator.js';
export { startQuickbooksSimulator, type RunningQuickbooksSimulator } from './start.js';
export type { QuickbooksSimulatorSettings } from './settings.js';
export type { QboEntity, QboFault } from './state.js';
