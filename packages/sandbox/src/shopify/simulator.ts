/**
 * Assembles the Shopify store simulator: the Admin GraphQL API, the client-credentials token
 * endpoint, webhook delivery and the `/__admin` API, over one in-memory store. Mount the app
 * anywhere (the runtime mounts it under `/sandbox/shopify`; that URL then stands for
 * `https://{shop}.myshopify.com`) or start it standalone with `startShopifySimulator`.
 * @module
 */
import { Hono } from 'hono';
import {
  memoryPersistence,
  openPersistence,
  type DurableOptions,
  type Persistence,
} from '../persistence/persistence.js';
import { controlRoutes } from './admin/control-routes.js';
import { storeRoutes } from './admin/store-routes.js';
import { webhookRoutes } from './admin/webhook-routes.js';
import type { ShopContext, ShopifyCredentials } from './context.js';
import { DEFAULT_ID_START } from './core/ids.js';
import { buildAdminSchema } from './graphql/schema/index.js';
import { attachResolvers } from './graphql/resolvers/index.js';
import { graphqlRoutes } from './graphql/route.js';
import { createHandle, type ShopifySimulatorHandle } from './handle.js';
import { authRoutes } from './http/auth.js';
import { defaultSettings, type ShopifySimulatorSettings } from './settings.js';
import { restoreState } from './store/restore.js';
import { createState, sequenceStarts } from './store/state.js';
import { webhookEmitter } from './webhooks/emitter.js';
import { DeliveryEngine } from './webhooks/engine.js';
import type { WebhookFetch } from './webhooks/send.js';

/** Demo store and app credentials, also listed in the package README. */
export const SHOPIFY_DEMO_CREDENTIALS: ShopifyCredentials = {
  shopDomain: 'paybridge-demo.myshopify.com',
  accessTokens: ['shpat_00000000000000000000000000demo'],
  clientId: 'paybridge-demo-client-id',
  clientSecret: 'shpss_00000000000000000000000000demo',
  webhookSecret: 'shpss_00000000000000000000000000demo',
};

/** Options of `createShopifySimulator`. */
export interface ShopifySimulatorOptions {
  /** Credentials; `webhookSecret` defaults to the client secret, as Shopify signs with it. */
  credentials?: Partial<ShopifyCredentials>;
  /** Clock in epoch milliseconds; inject one in tests (token expiry, bucket refill, retries). */
  clock?: () => number;
  /** Overrides of the defaults (see `ShopifySimulatorSettings`). */
  settings?: Partial<ShopifySimulatorSettings>;
  /** First resource id (default 9007199254740993123, above 2^53). */
  idStart?: bigint;
  /**
   * Serve the `/__admin` routes (default true). They have no authentication of their own: a host
   * serving the simulator to others puts its own in front of them.
   */
  adminApi?: boolean;
  /**
   * Sends webhook deliveries (default: `fetch`). A host serving the simulator to others injects
   * one that applies its outbound network policy.
   */
  fetch?: WebhookFetch;
}

/** A simulator: the Hono app to serve or mount, its handle, and `close` to stop its timers. */
export interface ShopifySimulator {
  app: Hono;
  handle: ShopifySimulatorHandle;
  /** Stops webhook timers and waits for a delivery under way. */
  close(): Promise<void>;
}

function credentialsFrom(options: ShopifySimulatorOptions): ShopifyCredentials {
  const given = options.credentials ?? {};
  const clientSecret = given.clientSecret ?? SHOPIFY_DEMO_CREDENTIALS.clientSecret;
  return {
    ...SHOPIFY_DEMO_CREDENTIALS,
    ...given,
    clientSecret,
    webhookSecret: given.webhookSecret ?? clientSecret,
  };
}

/** Builds an in-memory Shopify store simulator. */
export function createShopifySimulator(options: ShopifySimulatorOptions = {}): ShopifySimulator {
  const starts = sequenceStarts(options.idStart ?? DEFAULT_ID_START);
  return assemble(options, memoryPersistence(starts)).simulator;
}

/** A store simulator whose state lives in a durable store. */
export interface DurableShopifySimulator extends ShopifySimulator {
  /** Writes every change made so far. */
  flush(): Promise<void>;
}

/**
 * Opens a store simulator over a durable store: customers, orders (with transactions and
 * metafields), refunds, disputes, subscriptions, the delivery log and granted tokens are read
 * back, deliveries still due are sent again, and resource ids, order numbers and webhook and
 * event ids continue after every value ever reserved: none is issued twice, even after a crash.
 * `close` stops deliveries and writes what is left.
 */
export async function openShopifySimulator(
  options: ShopifySimulatorOptions & { durable: DurableOptions },
): Promise<DurableShopifySimulator> {
  const starts = sequenceStarts(options.idStart ?? DEFAULT_ID_START);
  const { persistence, records } = await openPersistence(options.durable, starts);
  const { simulator, sim, engine } = assemble(options, persistence);
  restoreState(sim.state, records);
  // A send cut short by the stop is due again (Shopify delivers at least once).
  for (const delivery of sim.state.deliveries) {
    if (delivery.state === 'scheduled' && delivery.nextAttemptAt === null) {
      delivery.nextAttemptAt = sim.now();
    }
  }
  engine.kick();
  return {
    ...simulator,
    flush: () => persistence.flush(),
    close: async () => {
      await simulator.close();
      await persistence.close();
    },
  };
}

function assemble(
  options: ShopifySimulatorOptions,
  persistence: Persistence,
): { simulator: ShopifySimulator; sim: ShopContext; engine: DeliveryEngine } {
  const clock = options.clock ?? Date.now;
  let offset = 0;
  const settings = { ...defaultSettings(), ...options.settings };
  const sim: ShopContext = {
    state: createState(persistence.sequences(), settings.seed),
    settings,
    credentials: credentialsFrom(options),
    now: () => clock() + offset,
    events: { emit: () => undefined, newEventId: () => '' },
    persistence,
  };
  const advanceClock = (ms: number) => {
    offset += ms;
    engine.kick();
  };
  const engine = new DeliveryEngine(sim, advanceClock, options.fetch);
  sim.events = webhookEmitter(sim, engine);
  const handle = createHandle(sim, engine, {
    reset: () => {
      persistence.clear();
      sim.state = createState(persistence.sequences(), sim.settings.seed);
    },
    advanceClock,
  });
  const schema = attachResolvers(buildAdminSchema());
  const app = new Hono();
  app.use('*', async (c, next) => {
    try {
      await persistence.ready();
    } catch {
      return c.json(
        { errors: 'The simulator cannot reach its state store; try again shortly.' },
        503,
      );
    }
    await next();
  });
  if (options.adminApi !== false) {
    app.route(
      '/',
      controlRoutes(sim, handle, () => engine.kick()),
    );
    app.route('/', storeRoutes(sim, handle));
    app.route('/', webhookRoutes(sim, handle));
  }
  app.route('/', authRoutes(sim));
  app.route('/', graphqlRoutes(sim, schema));
  return { simulator: { app, handle, close: () => engine.stop() }, sim, engine };
}
