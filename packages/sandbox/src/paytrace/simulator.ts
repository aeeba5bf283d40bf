/**
 * Assembles the PayTrace JSON API v1 simulator: a Hono app plus a handle for tests (state,
 * settings, reset, clock, faults). Mount it anywhere (the runtime mounts it under
 * `/sandbox/paytrace`) or start it standalone with `startPaytraceSimulator`.
 * @module
 */
import { Hono } from 'hono';
import { adminRoutes } from './admin.js';
import { authRoutes, requireToken } from './auth.js';
import { chargeRoutes } from './charges.js';
import type { PaytraceCredentials, SimContext, SimEnv } from './context.js';
import { directRefundRoutes } from './direct-refunds.js';
import { createE2eeKeyPair, e2eeRoutes } from './e2ee.js';
import { exportRoutes } from './exports.js';
import { faultInjection } from './faults.js';
import { followUpRoutes } from './follow-ups.js';
import { levelThreeRoutes } from './level-three.js';
import { protectRoutes } from './protect.js';
import { sendJson } from './reply.js';
import { defaultSettings, type PaytraceSimulatorSettings } from './settings.js';
import { dailyClose, settleRoutes } from './settlement.js';
import { createState, type Fault, type SimulatorState } from './state.js';
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

/** Builds an in-memory PayTrace simulator. */
export function createPaytraceSimulator(options: PaytraceSimulatorOptions = {}): PaytraceSimulator {
  const clock = options.clock ?? Date.now;
  let offset = 0;
  const now = (): number => clock() + offset;
  const sim: SimContext = {
    state: createState(now()),
    settings: { ...defaultSettings(), ...options.settings },
    credentials: { ...DEMO_CREDENTIALS, ...options.credentials },
    now,
    e2ee: createE2eeKeyPair(),
  };
  const handle: PaytraceSimulatorHandle = {
    get state() {
      return sim.state;
    },
    settings: sim.settings,
    credentials: sim.credentials,
    now,
    reset: () => {
      sim.state = createState(now());
    },
    advanceClock: (ms) => {
      offset += ms;
    },
    setFault: (path, fault) => {
      sim.state.faults.set(path, { ...fault });
    },
    clearFaults: () => sim.state.faults.clear(),
    expireTokens: () => sim.state.tokens.clear(),
    e2eePublicKey: async () => (await sim.e2ee.keys()).publicKeyPem,
  };
  const app = new Hono<SimEnv>();
  if (options.adminApi !== false) app.route('/', adminRoutes(sim, handle));
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
  return { app, handle };
}
