/**
 * Assembles the QuickBooks Online simulator: Intuit's OAuth 2.0 server and one company's
 * Accounting API (v3) as a Hono app, plus a handle for tests. Written from Intuit's public API
 * documentation; shares no code with the connector in `packages/nodes`.
 * @module
 */
import { Hono } from 'hono';
import { apiRoutes } from './api-routes.js';
import type { QboContext, QuickbooksApp } from './context.js';
import { issueTokens, oauthRoutes } from './oauth.js';
import { seedCompany } from './seed.js';
import { defaultQuickbooksSettings, type QuickbooksSimulatorSettings } from './settings.js';
import { createQboState, table, type QboEntity, type QboFault, type QboState } from './state.js';

/** The simulated app's credentials and company id unless overridden. */
export const QUICKBOOKS_DEMO_APP: QuickbooksApp & { realmId: string } = {
  clientId: 'sim-qbo-client-id',
  clientSecret: 'sim-qbo-client-secret',
  realmId: '9341453050298464',
};

/** Options of {@link createQuickbooksSimulator}. */
export interface QuickbooksSimulatorOptions {
  app?: Partial<QuickbooksApp>;
  realmId?: string;
  /** Clock in epoch milliseconds. */
  clock?: () => number;
  settings?: Partial<QuickbooksSimulatorSettings>;
}

/** What tests hold on to besides the app. */
export interface QuickbooksSimulatorHandle {
  readonly state: QboState;
  readonly settings: QuickbooksSimulatorSettings;
  readonly app: QuickbooksApp;
  readonly realmId: string;
  now(): number;
  advanceClock(ms: number): void;
  /** Forgets everything but the seeded lists. */
  reset(): void;
  /** A refresh token as if a user had just connected the company (skips the browser step). */
  connect(): { refreshToken: string; accessToken: string };
  /** Kills every access token, as an expiry mid-run would. */
  expireAccessTokens(): void;
  /** Answers the next `count` API calls with HTTP 429. */
  throttle(count: number): void;
  /** Installs a fault for API paths ending with `suffix` (`*`: all). */
  setFault(suffix: string, fault: QboFault): void;
  clearFaults(): void;
  /** Stored entities of one type (`Invoice`, `Payment`, ...). */
  entities(name: string): QboEntity[];
}

/** A simulator: the app to serve or mount, and its handle. */
export interface QuickbooksSimulator {
  app: Hono;
  handle: QuickbooksSimulatorHandle;
}

/** Builds an in-memory QuickBooks Online simulator. */
export function createQuickbooksSimulator(
  options: QuickbooksSimulatorOptions = {},
): QuickbooksSimulator {
  const clock = options.clock ?? Date.now;
  let offset = 0;
  const sim: QboContext = {
    state: createQboState(),
    settings: { ...defaultQuickbooksSettings(), ...options.settings },
    app: {
      clientId: QUICKBOOKS_DEMO_APP.clientId,
      clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
      ...options.app,
    },
    realmId: options.realmId ?? QUICKBOOKS_DEMO_APP.realmId,
    now: () => clock() + offset,
  };
  seedCompany(sim);
  const handle: QuickbooksSimulatorHandle = {
    get state() {
      return sim.state;
    },
    settings: sim.settings,
    app: sim.app,
    realmId: sim.realmId,
    now: sim.now,
    advanceClock: (ms) => {
      offset += ms;
    },
    reset: () => {
      sim.state = createQboState();
      seedCompany(sim);
    },
    connect: () => {
      const tokens = issueTokens(sim);
      return { refreshToken: tokens.refresh_token, accessToken: tokens.access_token };
    },
    expireAccessTokens: () => sim.state.oauth.accessTokens.clear(),
    throttle: (count) => {
      sim.state.forcedThrottles = count;
    },
    setFault: (suffix, fault) => {
      sim.state.faults.set(suffix, { ...fault });
    },
    clearFaults: () => sim.state.faults.clear(),
    entities: (name) => [...table(sim.state, name).values()],
  };
  const app = new Hono();
  app.route('/', oauthRoutes(sim));
  app.route('/', apiRoutes(sim));
  return { app, handle };
}
