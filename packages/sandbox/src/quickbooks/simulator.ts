/**
 * Assembles the QuickBooks Online simulator: Intuit's OAuth 2.0 server and one company's
 * Accounting API (v3) as a Hono app, plus a handle for tests. Written from Intuit's public API
 * documentation; shares no code with the connector in `packages/nodes`.
 * @module
 */
import { Hono } from 'hono';
import { apiRoutes } from './api-routes.js';
import { saveEntity, saveToken, type QboContext, type QuickbooksApp } from './context.js';
import { issueTokens, oauthRoutes } from './oauth.js';
import { seedCompany } from './seed.js';
import { defaultQuickbooksSettings, type QuickbooksSimulatorSettings } from './settings.js';
import {
  memoryPersistence,
  openPersistence,
  type DurableOptions,
  type Persistence,
} from '../persistence/persistence.js';
import { decodeRecord } from '../persistence/record-codec.js';
import type { StoredRecord } from '../persistence/store.js';
import {
  createQboState,
  SEQUENCE_STARTS,
  table,
  type QboEntity,
  type QboFault,
  type QboState,
} from './state.js';

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
  const { simulator, sim } = assemble(options, memoryPersistence(SEQUENCE_STARTS));
  seedCompany(sim);
  return simulator;
}

/** A QuickBooks simulator whose state lives in a durable store. */
export interface DurableQuickbooksSimulator extends QuickbooksSimulator {
  flush(): Promise<void>;
  /** Flushes and stops writing (call on shutdown). */
  close(): Promise<void>;
}

/**
 * Opens a QuickBooks simulator over a durable store: entities and issued tokens are read back
 * (a connected company stays connected across restarts) and entity ids never repeat; a new store
 * gets the seeded lists.
 */
export async function openQuickbooksSimulator(
  options: QuickbooksSimulatorOptions & { durable: DurableOptions },
): Promise<DurableQuickbooksSimulator> {
  const { persistence, records } = await openPersistence(options.durable, SEQUENCE_STARTS);
  const { simulator, sim } = assemble(options, persistence);
  if (!restoreState(sim.state, records)) seedAndSave(sim);
  return { ...simulator, flush: () => persistence.flush(), close: () => persistence.close() };
}

/** Seeds a new company and marks every seeded entity for the store. */
function seedAndSave(sim: QboContext): void {
  seedCompany(sim);
  for (const [name, rows] of sim.state.entities)
    for (const id of rows.keys()) saveEntity(sim, name, id);
}

/** Puts stored entities and tokens into `state`; false when the store held no entity. */
function restoreState(state: QboState, records: StoredRecord[]): boolean {
  let entities = 0;
  for (const record of records) {
    if (record.kind === 'entity') {
      const slash = record.key.indexOf('/');
      const entity = decodeRecord<QboEntity>(record.json);
      table(state, record.key.slice(0, slash)).set(entity.Id, entity);
      entities += 1;
    } else if (record.kind === 'access-token') {
      state.oauth.accessTokens.set(record.key, decodeRecord(record.json));
    } else if (record.kind === 'refresh-token') {
      state.oauth.refreshTokens.set(record.key, decodeRecord(record.json));
    }
  }
  return entities > 0;
}

function assemble(
  options: QuickbooksSimulatorOptions,
  persistence: Persistence,
): { simulator: QuickbooksSimulator; sim: QboContext } {
  const clock = options.clock ?? Date.now;
  let offset = 0;
  const sim: QboContext = {
    persistence,
    state: createQboState(persistence.sequences()),
    settings: { ...defaultQuickbooksSettings(), ...options.settings },
    app: {
      clientId: QUICKBOOKS_DEMO_APP.clientId,
      clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
      ...options.app,
    },
    realmId: options.realmId ?? QUICKBOOKS_DEMO_APP.realmId,
    now: () => clock() + offset,
  };
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
      persistence.clear();
      sim.state = createQboState(persistence.sequences());
      seedAndSave(sim);
    },
    connect: () => {
      const tokens = issueTokens(sim);
      return { refreshToken: tokens.refresh_token, accessToken: tokens.access_token };
    },
    expireAccessTokens: () => {
      const tokens = [...sim.state.oauth.accessTokens.keys()];
      sim.state.oauth.accessTokens.clear();
      for (const token of tokens) saveToken(sim, 'access', token);
    },
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
  app.use('*', async (c, next) => {
    try {
      await persistence.ready();
    } catch {
      return c.json(
        { error: 'The simulator cannot reach its state store; try again shortly.' },
        503,
      );
    }
    await next();
  });
  app.route('/', oauthRoutes(sim));
  app.route('/', apiRoutes(sim));
  return { simulator: { app, handle }, sim };
}
