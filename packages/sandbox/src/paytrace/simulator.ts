/**
 * Assembles the PayTrace JSON API v1 simulator: a Hono app plus a handle for tests (state,
 * settings, reset, clock, faults). Mount it anywhere (the runtime mounts it under
 * `/sandbox/paytrace`) or start it standalone with `startPaytraceSimulator`.
 * @module
 */
import { chargebackRoutes } from './chargebacks.js';
import type { WebhookFetch } from '../shopify/webhooks/send.js';
import { Hono, type MiddlewareHandler } from 'hono';
import { adminRoutes } from './admin.js';
import { authRoutes, requireToken } from './auth.js';
import { chargeRoutes } from './charges.js';
import {
  memoryPersistence,
  openPersistence,
  type DurableOptions,
  type Persistence,
} from '../persistence/persistence.js';
import { saveToken, type PaytraceCredentials, type SimContext, type SimEnv } from './context.js';
import { directRefundRoutes } from './direct-refunds.js';
import { dayRoutes } from './day/day-routes.js';
import { createE2eeKeyPair, e2eeRoutes } from './e2ee.js';
import { exportRoutes } from './exports.js';
import { faultInjection } from './faults.js';
import { followUpRoutes } from './follow-ups.js';
import { levelThreeRoutes } from './level-three.js';
import { protectRoutes } from './protect.js';
import { sendJson } from './reply.js';
import { defaultSettings, type PaytraceSimulatorSettings } from './settings.js';
import { dailyClose, settleRoutes } from './settlement.js';
import { restoreState } from './restore.js';
import { createState, SEQUENCE_STARTS, type Fault, type SimulatorState } from './state.js';
import { vaultRoutes } from './vault.js';

/** The simulator's demo API user, also printed in the package README. */
export const DEMO_CREDENTIALS: PaytraceCredentials = {
  username: 'demo-api-user',
  password: 'demo-api-password',
  integratorId: '959195SIMxxx',
};

/** Options of `createPaytraceSimulator`. */
export interface PaytraceSimulatorOptions {
  /** API user credentials and integrator id; defaults to `DEMO_CREDENTIALS`. */
  credentials?: Partial<PaytraceCredentials>;
  /** Clock in epoch milliseconds; inject one in tests to expire tokens or cross batch cut-offs. */
  clock?: () => number;
  /** Overrides of the UNCONFIRMED behaviours (see `PaytraceSimulatorSettings`). */
  settings?: Partial<PaytraceSimulatorSettings>;
  /**
   * Serve the unauthenticated `/__admin` routes (default true). A host that mounts the simulator
   * where others can reach it may turn them off and use the handle instead.
   */
  adminApi?: boolean;
  /**
   * Sends chargeback notifications (default: `fetch`). A host serving the simulator to others
   * injects one that enforces its outbound network policy, as for the store's webhooks.
   */
  fetch?: WebhookFetch;
}

/** What tests and the runtime hold on to besides the app. */
export interface PaytraceSimulatorHandle {
  /** Live state (replaced by `reset`, so read it through the handle each time). */
  readonly state: SimulatorState;
  /** Live settings; mutate to change behaviour between requests. */
  readonly settings: PaytraceSimulatorSettings;
  readonly credentials: PaytraceCredentials;
  /** Current simulated time. */
  now(): number;
  /** Forgets transactions, batches, customers, tokens and faults; settings are kept. */
  reset(): void;
  /** Moves simulated time forward (e.g. past the 7200 s token lifetime). */
  advanceClock(ms: number): void;
  /** Installs a fault for an endpoint path such as `/v1/transactions/sale/keyed` (`*` = all). */
  setFault(path: string, fault: Fault): void;
  clearFaults(): void;
  /** Invalidates every issued token, as an expiry mid-run would. */
  expireTokens(): void;
  /**
   * The PEM public key of client-side encryption (also served at `GET /e2ee/public-key.pem`):
   * encrypt card numbers and CSCs with RSA-OAEP (SHA-256) and send them base64-encoded as
   * `credit_card.encrypted_number` and `encrypted_csc`.
   */
  e2eePublicKey(): Promise<string>;
}

/** A simulator: the Hono app to serve or mount, and its handle. */
export interface PaytraceSimulator {
  app: Hono<SimEnv>;
  handle: PaytraceSimulatorHandle;
}

/** A simulator whose state lives in a durable store. */
export interface DurablePaytraceSimulator extends PaytraceSimulator {
  /** Writes every change made so far. */
  flush(): Promise<void>;
  /** Flushes and stops writing (call on shutdown). */
  close(): Promise<void>;
}

/** Builds an in-memory PayTrace simulator. */
export function createPaytraceSimulator(options: PaytraceSimulatorOptions = {}): PaytraceSimulator {
  return assemble(options, memoryPersistence(SEQUENCE_STARTS)).simulator;
}

/**
 * Opens a PayTrace simulator over a durable store: the state it kept before (transactions,
 * batches, vault, tokens) is read back, and ids continue after every id it ever reserved, so a
 * restart, even after a crash, neither forgets accepted records nor hands out an id twice.
 */
export async function openPaytraceSimulator(
  options: PaytraceSimulatorOptions & { durable: DurableOptions },
): Promise<DurablePaytraceSimulator> {
  const { persistence, records } = await openPersistence(options.durable, SEQUENCE_STARTS);
  const { simulator, sim } = assemble(options, persistence);
  restoreState(sim.state, records);
  return { ...simulator, flush: () => persistence.flush(), close: () => persistence.close() };
}

function assemble(
  options: PaytraceSimulatorOptions,
  persistence: Persistence,
): { simulator: PaytraceSimulator; sim: SimContext } {
  const clock = options.clock ?? Date.now;
  let offset = 0;
  const now = (): number => clock() + offset;
  const sim: SimContext = {
    state: createState(now(), persistence.sequences()),
    settings: { ...defaultSettings(), ...options.settings },
    credentials: { ...DEMO_CREDENTIALS, ...options.credentials },
    now,
    e2ee: createE2eeKeyPair(),
    persistence,
  };
  const handle: PaytraceSimulatorHandle = {
    get state() {
      return sim.state;
    },
    settings: sim.settings,
    credentials: sim.credentials,
    now,
    reset: () => {
      persistence.clear();
      sim.state = createState(now(), persistence.sequences());
    },
    advanceClock: (ms) => {
      offset += ms;
    },
    setFault: (path, fault) => {
      sim.state.faults.set(path, { ...fault });
    },
    clearFaults: () => sim.state.faults.clear(),
    expireTokens: () => {
      const tokens = [...sim.state.tokens.keys()];
      sim.state.tokens.clear();
      for (const token of tokens) saveToken(sim, token);
    },
    e2eePublicKey: async () => (await sim.e2ee.keys()).publicKeyPem,
  };
  const app = new Hono<SimEnv>();
  app.use('*', storeReady(persistence));
  if (options.adminApi !== false) {
    app.route('/', adminRoutes(sim, handle));
    app.route('/', chargebackRoutes(sim, options.fetch));
    app.route('/', dayRoutes(sim));
  }
  app.use('/oauth/*', faultInjection(sim));
  app.use('/v1/*', faultInjection(sim), requireToken(sim), dailyClose(sim));
  app.post('/v1/ping', (c) => sendJson(c, 200, { success: true, status_message: 'pong' }));
  app.route('/', e2eeRoutes(sim));
  app.route('/', authRoutes(sim));
  app.route('/', chargeRoutes(sim));
  app.route('/', followUpRoutes(sim));
  app.route('/', directRefundRoutes(sim));
  app.route('/', settleRoutes(sim));
  app.route('/', exportRoutes(sim));
  app.route('/', vaultRoutes(sim));
  app.route('/', protectRoutes(sim));
  app.route('/', levelThreeRoutes(sim));
  return { simulator: { app, handle }, sim };
}

/** Waits for reserved ids before handling a request; 503 when the state store cannot give any. */
function storeReady(persistence: Persistence): MiddlewareHandler<SimEnv> {
  return async function storeReady(c, next) {
    try {
      await persistence.ready();
    } catch {
      return sendJson(c, 503, {
        success: false,
        status_message: 'The simulator cannot reach its state store; try again shortly.',
      });
    }
    await next();
  };
}
