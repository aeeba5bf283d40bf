/**
 * Test support: a PayTrace simulator on a local port, a PayTrace runtime pointed at it, and
 * contexts on real time that share an effect store, so tests can re-execute a step the way a
 * retry, a crash recovery or an operator's replay would. Used by tests only.
 *
 * @module
 */
import { constants, publicEncrypt } from 'node:crypto';
import { memoryEffectStore, type MemoryEffectStore, type NodeSpec } from '@paybridge/engine';
import {
  DEMO_CREDENTIALS,
  startPaytraceSimulator,
  type RunningPaytraceSimulator,
  type StartPaytraceSimulatorOptions,
} from '@paybridge/sandbox';
import { createTestContext } from '../../test-context';
import { createPaytraceRuntime, type PaytraceRuntime } from '../client/runtime';

/** A test UUID for the connection field. */
export const CONNECTION_ID = '00000000-0000-4000-8000-000000000001';

/** Options of one execution. */
export interface RunOptions {
  /** Effect records shared between executions; a fresh store by default. */
  store?: MemoryEffectStore;
  runId?: string;
  nodeId?: string;
  /** Connection values over the harness defaults. */
  connection?: Record<string, unknown>;
  now?: Date;
  input?: unknown;
  /** The state of the step's last suspension, as the engine hands it back on resumption. */
  resume?: { state: unknown };
  /** The run's trigger event (`$trigger`). */
  trigger?: unknown;
}

/** A running simulator with helpers. */
export interface SimulatorHarness {
  readonly sim: RunningPaytraceSimulator;
  readonly runtime: PaytraceRuntime;
  /** Connection values for the simulator environment (fault tests shorten the timings). */
  connectionValues(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A context for `definition` on real time. */
  context<Config>(
    definition: NodeSpec<Config>,
    config: Record<string, unknown>,
    options?: RunOptions,
  ): ReturnType<typeof createTestContext<Config>>;
  /** A store whose clock is real time (the simulator runs on real time too). */
  store(runId?: string): MemoryEffectStore;
  /** Transactions the simulator holds, optionally of one type. */
  count(type?: 'SALE' | 'AUTHORIZATION' | 'REFUND'): number;
  /** Encrypts like PayTrace's browser library, with the simulator's public key. */
  encrypt(text: string): Promise<string>;
  /** A Protect.js token pair for a card, as the hosted fields would produce it. */
  protectToken(card: {
    number: string;
    csc?: string;
  }): Promise<{ hpfToken: string; encKey: string }>;
  /** A vault profile created directly on the simulator (test setup, not under test). */
  createProfile(customerId: string, zip?: string): Promise<void>;
  /** Closes the batch now through the API (test setup). */
  settle(): Promise<void>;
  /** Calls a `/v1` path directly with a fresh token (test setup, not under test). */
  v1(path: string, body: unknown): Promise<any>;
  close(): Promise<void>;
}

/** Starts a simulator and a runtime pointed at it. */
export async function startSimulatorHarness(
  options: StartPaytraceSimulatorOptions = {},
): Promise<SimulatorHarness> {
  const sim = await startPaytraceSimulator({ port: 0, ...options });
  const runtime = createPaytraceRuntime({
    http: { allowPrivateCidrs: [] },
    paytrace: { simulatorUrl: sim.url },
  });
  const connectionValues = (overrides: Record<string, unknown> = {}) => ({
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    integratorId: DEMO_CREDENTIALS.integratorId,
    environment: 'simulator',
    ...overrides,
  });
  // Each store stands for its own event, so invoice ids never collide between tests.
  let events = 0;
  const store = (runId = 'run-1') =>
    memoryEffectStore({ runId, eventId: `event-${++events}`, now: () => new Date() });
  async function v1(path: string, body: unknown): Promise<any> {
    const token = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.password,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const answer = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token.access_token}`,
      },
      body: JSON.stringify(body),
    });
    return answer.json();
  }
  return {
    sim,
    runtime,
    connectionValues,
    store,
    context(definition, config, opts = {}) {
      const runId = opts.runId ?? 'run-1';
      return createTestContext(
        definition,
        { connectionId: CONNECTION_ID, ...config },
        {
          runId,
          nodeId: opts.nodeId ?? 'pay',
          now: opts.now ?? new Date(),
          effects: opts.store ?? store(runId),
          connection: { type: 'paytrace', values: connectionValues(opts.connection) },
          input: opts.input,
          ...(opts.resume ? { resume: opts.resume } : {}),
          ...(opts.trigger === undefined ? {} : { trigger: opts.trigger }),
        },
      );
    },
    count(type) {
      const all = [...sim.handle.state.transactions.values()];
      return type === undefined ? all.length : all.filter((tx) => tx.type === type).length;
    },
    async encrypt(text) {
      const key = await sim.handle.e2eePublicKey();
      return publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        Buffer.from(text),
      ).toString('base64');
    },
    async protectToken(card) {
      const { clientKey } = await v1('/v1/payment_fields/token/create', {});
      const answer = await fetch(`${sim.url}/protect/tokenize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientKey,
          number: card.number,
          expiration_month: '12',
          expiration_year: '2099',
          csc: card.csc ?? '',
        }),
      }).then((r) => r.json() as Promise<{ hpf_token: string; enc_key: string }>);
      return { hpfToken: answer.hpf_token, encKey: answer.enc_key };
    },
    async createProfile(customerId, zip = '85284') {
      const key = await sim.handle.e2eePublicKey();
      const encrypted = publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        Buffer.from('4012000098765439'),
      ).toString('base64');
      const answer = await v1('/v1/customer/create', {
        customer_id: customerId,
        credit_card: {
          encrypted_number: encrypted,
          expiration_month: '12',
          expiration_year: '2099',
        },
        billing_address: { name: 'Ada Lovelace', zip },
      });
      if (answer.response_code !== 160)
        throw new Error(`profile setup failed: ${JSON.stringify(answer)}`);
    },
    async settle() {
      await v1('/v1/transactions/settle', {});
    },
    v1,
    close: () => sim.close(),
  };
}
