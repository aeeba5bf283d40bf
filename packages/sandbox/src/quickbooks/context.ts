/**
 * What every route module of the QuickBooks simulator works on.
 * @module
 */
import type { QuickbooksSimulatorSettings } from './settings.js';
import type { QboState } from './state.js';

/** The app registered with the simulated Intuit developer portal. */
export interface QuickbooksApp {
  clientId: string;
  clientSecret: string;
}

/** State, settings, clock and identity of one simulated company. */
export interface QboContext {
  state: QboState;
  settings: QuickbooksSimulatorSettings;
  app: QuickbooksApp;
  realmId: string;
  /** Current simulated time in epoch milliseconds. */
  now(): number;
}
