import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaytraceRuntime } from './client/runtime';
import { paytraceSaleNode } from './nodes/sale/definition';
import { createSaleExecutor } from './nodes/sale/execute';
import {
  startSimulatorHarness,
  type RunOptions,
  type SimulatorHarness,
} from './test/simulator-harness';

let h: SimulatorHarness;
let sale: ReturnType<typeof createSaleExecutor>;

/** Short timings so fault tests stay fast: 200 ms per request, 1 s unknown-outcome wait. */
const FAST = { requestTimeoutSeconds: 0.2, unknownOutcomeWaitSeconds: 1 };
const SALE_PATH = '/v1/transactions/sale/by_customer';
const config = { source: { kind: 'vault', customerId: 'cust-eo' }, amount: 1234 };

beforeAll(async () => {
  h = await startSimulatorHarness();
  sale = createSaleExecutor(h.runtime);
  await h.createProfile('cust-eo');
});
afterAll(() => h.close());
beforeEach(() => h.sim.handle.clearFaults());

/** Executes the sale once; `later` moves the context's clock past the wait without sleeping. */
function execute(options: RunOptions & { later?: number; config?: Record<string, unknown> }) {
  const now = new Date(Date.now() + (options.later ?? 0));
  const ctx = h.context(paytraceSaleNode, options.config ?? config, {
    connection: FAST,
    ...options,
    now,
  });
  return sale.execute(ctx);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const record = (store: ReturnType<SimulatorHarness['store']>) => [...store.records.values()][0];

describe('exactly-once sales', () => {
  it('finds a charge whose answer was lost to a reset instead of charging again', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { reset: 'after', remaining: 1 });
    const before = h.count('SALE');
    const lost = await execute({ store }).catch((e: unknown) => e);
    expect(lost).toMatchObject({ errorClass: 'transient', code: 'PAYTRACE_CONNECTION_LOST' });
    expect((lost as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(500);
    expect(h.count('SALE')).toBe(before + 1);
    expect(record(store)).toMatchObject({ status: 'pending', attempt: 1 });

    // A retry inside the wait window does not even look: an abandoned request could still land.
    await expect(execute({ store })).rejects.toMatchObject({ code: 'PAYTRACE_OUTCOME_PENDING' });

    const found = await execute({ store, later: 1500 });
    expect(found).toMatchObject({
      port: 'approved',
      output: { status: 'approved', origin: 'lookup', amount: { minor: 1234, currency: 'USD' } },
    });
    expect(h.count('SALE')).toBe(before + 1);
    const again = await execute({ store, later: 1500 });
    expect(again).toMatchObject({ output: { origin: 'ledger' } });
    expect(h.count('SALE')).toBe(before + 1);
  });

  it('charges again, under a new invoice id, once a reset before processing is proven harmless', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { reset: 'before', remaining: 1 });
    const before = h.count('SALE');
    await expect(execute({ store })).rejects.toMatchObject({ errorClass: 'transient' });
    expect(h.count('SALE')).toBe(before);
    const result = (await execute({ store, later: 1500 })) as { output: any };
    expect(result.output).toMatchObject({ status: 'approved', origin: 'gateway' });
    expect(result.output.invoiceId).toBe(`${record(store)?.reference}X2`);
    expect(h.count('SALE')).toBe(before + 1);
  });

  it('honours the wait when the request outlived its timeout, then finds the late charge', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { latencyMs: 500, remaining: 1 });
    const before = h.count('SALE');
    await expect(execute({ store })).rejects.toMatchObject({ code: 'PAYTRACE_TIMEOUT' });
    expect(h.count('SALE')).toBe(before);
    await expect(execute({ store })).rejects.toMatchObject({ code: 'PAYTRACE_OUTCOME_PENDING' });
    await sleep(600);
    expect(h.count('SALE')).toBe(before + 1);
    const found = await execute({ store, later: 1500 });
    expect(found).toMatchObject({ output: { status: 'approved', origin: 'lookup' } });
    expect(h.count('SALE')).toBe(before + 1);
  });

  it('treats a 5xx as unknown, and charges once after proving the first attempt absent', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { status: 503, remaining: 1 });
    const before = h.count('SALE');
    await expect(execute({ store })).rejects.toMatchObject({ code: 'PAYTRACE_HTTP_503' });
    await execute({ store, later: 1500 });
    expect(h.count('SALE')).toBe(before + 1);
  });

  it('returns a settled approval to a replay without calling PayTrace', async () => {
    const store = h.store();
    const first = (await execute({ store })) as { output: any };
    h.sim.handle.setFault('*', { status: 500 });
    const replay = (await execute({ store: store.forRun('run-2'), runId: 'run-2' })) as {
      output: any;
    };
    expect(replay.output).toEqual({ ...first.output, origin: 'ledger' });
  });

  it('refuses a changed request after money moved, naming the transaction', async () => {
    const store = h.store();
    const first = (await execute({ store })) as { output: any };
    const before = h.count();
    const changed = { ...config, amount: 9999 };
    await expect(execute({ store, config: changed })).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'IDEMPOTENCY_CONFLICT',
      message: expect.stringContaining(first.output.transactionId),
      details: { transactionId: first.output.transactionId },
    });
    expect(h.count()).toBe(before);
  });

  it('reuses a decline within its run, and tries afresh on an operator replay', async () => {
    const store = h.store();
    const declined = { ...config, amount: 29 };
    const first = (await execute({ store, config: declined })) as { port: string; output: any };
    expect(first.port).toBe('declined');
    const before = h.count('SALE');
    const same = (await execute({ store, config: declined })) as { output: any };
    expect(same.output).toMatchObject({ status: 'declined', origin: 'ledger' });
    expect(h.count('SALE')).toBe(before);

    const replayStore = store.forRun('run-2');
    const replay = (await execute({ store: replayStore, runId: 'run-2' })) as {
      port: string;
      output: any;
    };
    expect(replay).toMatchObject({ port: 'approved', output: { origin: 'gateway' } });
    expect(replay.output.invoiceId).not.toBe(first.output.invoiceId);
    expect(h.count('SALE')).toBe(before + 1);
    const replayAgain = await execute({ store: replayStore, runId: 'run-2' });
    expect(replayAgain).toMatchObject({
      output: { origin: 'ledger', transactionId: replay.output.transactionId },
    });
    expect(h.count('SALE')).toBe(before + 1);
  });

  it('resolves a pending attempt before a changed request: a found charge is a conflict', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { reset: 'after', remaining: 1 });
    await expect(execute({ store })).rejects.toMatchObject({ errorClass: 'transient' });
    const before = h.count('SALE');
    await expect(
      execute({ store, later: 1500, config: { ...config, amount: 4321 } }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(h.count('SALE')).toBe(before);
    expect(record(store)).toMatchObject({ status: 'settled' });
  });

  it('sends a changed request once a pending attempt is proven absent', async () => {
    const store = h.store();
    h.sim.handle.setFault(SALE_PATH, { reset: 'before', remaining: 1 });
    await expect(execute({ store })).rejects.toMatchObject({ errorClass: 'transient' });
    const before = h.count('SALE');
    const changed = await execute({ store, later: 1500, config: { ...config, amount: 4321 } });
    expect(changed).toMatchObject({ port: 'approved', output: { amount: { minor: 4321 } } });
    expect(h.count('SALE')).toBe(before + 1);
  });

  it("keeps PayTrace's duplicate window out of the way: each attempt has its own invoice id", async () => {
    h.sim.handle.settings.duplicateWindowMinutes = 10;
    try {
      const store = h.store();
      h.sim.handle.setFault(SALE_PATH, { status: 500, remaining: 1 });
      await expect(execute({ store })).rejects.toMatchObject({ errorClass: 'transient' });
      await expect(execute({ store, later: 1500 })).resolves.toMatchObject({ port: 'approved' });
      await expect(execute({})).resolves.toMatchObject({ port: 'approved' });
    } finally {
      h.sim.handle.settings.duplicateWindowMinutes = 0;
    }
  });

  it('satisfies an account that requires an invoice id on every charge', async () => {
    h.sim.handle.settings.requiredFields = ['invoice_id'];
    try {
      await expect(execute({})).resolves.toMatchObject({ port: 'approved' });
    } finally {
      h.sim.handle.settings.requiredFields = [];
    }
  });

  it('sends custom base URLs through the outbound address policy', async () => {
    const store = h.store();
    const ctx = h.context(paytraceSaleNode, config, {
      store,
      connection: { environment: 'custom', baseUrl: h.sim.url },
    });
    await expect(sale.execute(ctx)).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'SSRF_BLOCKED',
    });
    expect(record(store)).toMatchObject({ status: 'released' });
    const allowed = createPaytraceRuntime({ http: { allowPrivateCidrs: ['127.0.0.1/32'] } });
    const again = h.context(paytraceSaleNode, config, {
      connection: { environment: 'custom', baseUrl: h.sim.url },
    });
    await expect(createSaleExecutor(allowed).execute(again)).resolves.toMatchObject({
      port: 'approved',
    });
  });

  it('refuses to charge where no effect ledger is kept', async () => {
    const ctx = { ...h.context(paytraceSaleNode, config), effects: undefined };
    await expect(sale.execute(ctx)).rejects.toMatchObject({ code: 'EFFECT_LEDGER_MISSING' });
  });

  it('releases the attempt when PayTrace cannot be reached at all', async () => {
    const closed = createPaytraceRuntime({
      http: { allowPrivateCidrs: [] },
      paytrace: { simulatorUrl: 'http://127.0.0.1:1' },
    });
    const store = h.store();
    const ctx = h.context(paytraceSaleNode, config, { store });
    await expect(createSaleExecutor(closed).execute(ctx)).rejects.toMatchObject({
      errorClass: 'transient',
      code: 'PAYTRACE_UNREACHABLE',
    });
    expect(record(store)).toMatchObject({ status: 'released' });
  });
});

describe('PayTrace authentication', () => {
  it('renews an expired token once and charges once', async () => {
    await execute({});
    h.sim.handle.expireTokens();
    const before = h.count('SALE');
    const result = await execute({});
    expect(result).toMatchObject({ port: 'approved' });
    expect(h.count('SALE')).toBe(before + 1);
    expect(h.sim.handle.state.tokens.size).toBe(1);
  });

  it.each([200, 401])('renews on invalid_token answered with HTTP %i', async (status) => {
    h.sim.handle.settings.invalidTokenStatus = status;
    await execute({});
    h.sim.handle.expireTokens();
    const before = h.count('SALE');
    await execute({});
    expect(h.count('SALE')).toBe(before + 1);
    h.sim.handle.settings.invalidTokenStatus = 401;
  });

  it('shares one token request between concurrent charges', async () => {
    h.sim.handle.expireTokens();
    const runtime = createPaytraceRuntime({
      http: { allowPrivateCidrs: [] },
      paytrace: { simulatorUrl: h.sim.url },
    });
    const executor = createSaleExecutor(runtime);
    await Promise.all(
      [1, 2, 3].map((n) =>
        executor.execute(h.context(paytraceSaleNode, config, { nodeId: `pay${n}` })),
      ),
    );
    expect(h.sim.handle.state.tokens.size).toBe(1);
  });

  it("fails permanently on bad credentials with PayTrace's description, and sends nothing", async () => {
    const store = h.store();
    const before = h.count();
    const ctx = h.context(paytraceSaleNode, config, {
      store,
      connection: { username: 'demo-api-user', password: 'wrong' },
    });
    const error = await sale.execute(ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      errorClass: 'permanent',
      code: 'PAYTRACE_AUTH_FAILED',
      message: expect.stringContaining('The provided authorization grant is invalid'),
    });
    expect(String((error as Error).message)).not.toContain('wrong');
    expect(h.count()).toBe(before);
    expect(record(store)).toMatchObject({ status: 'released' });
  });
});
