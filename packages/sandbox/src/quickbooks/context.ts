/**
 * What every route module of the QuickBooks simulator works on.
 * @module
 */
import type { Persistence } from '../persistence/persistence.js';
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
  /** Where state changes go (memory, or the host's durable store). */
  persistence: Persistence;
}

/** Marks a stored entity changed (kept by a durable simulator). */
export function saveEntity(sim: QboContext, entity: string, id: string): void {
  sim.persistence.mark('entity', `${entity}/${id}`, () => sim.state.entities.get(entity)?.get(id));
}

/** Marks an issued access or refresh token changed or revoked. */
export function saveToken(sim: QboContext, kind: 'access' | 'refresh', token: string): void {
  const tokens = kind === 'access' ? sim.state.oauth.accessTokens : sim.state.oauth.refreshTokens;
  sim.persistence.mark(`${kind}-token`, token, () => tokens.get(token));
}
