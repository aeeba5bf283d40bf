/**
 * Exactly one PayTrace sale per order, whatever goes wrong between Paybridge and the gateway:
 * each fault mode of the simulator hits a share of 200 charges, and the simulator's own
 * transaction list is the judge.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  createPaytraceConnection,
  createVaultCustomer,
  postOrders,
  saleFlow,
  waitForRuns,
} from './paytrace-support';
import { call, freshDatabase, startTestRuntime } from './support';

const ORDERS = 200;
const SALE_PATH = '/v1/transactions/sale/by_customer';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let base: string;
let connectionId: string;

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-exactly-once');
  rt = await startTestRuntime(await freshDatabase(), {
    env: { PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url, PAYBRIDGE_WORKER_CONCURRENCY: '8' },
  });
  base = rt.url!;
  // A short request timeout and in-flight window keep the fault runs quick; the window still
  // exceeds the simulator's added latency, as the real default (120 s) exceeds PayTrace's.
  connectionId = await createPaytraceConnection(base, {
    requestTimeoutSeconds: 1,
    unknownOutcomeWaitSeconds: 3,
  });
}, 60_000);
afterEach(() => sim?.handle.clearFaults());
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

/** Charges 200 orders through an active sale flow; checks one approved sale each. */
async function chargeAll(label: string) {
  const path = `charge/${label}`;
  const flow = await call(base, 'POST', '/api/flows', {
    name: `charge ${label}`,
    // Quicker backoff than the PayTrace default (2 s doubling): the point here is what is
    // charged, not how long a gateway outage is ridden out.
    graph: saleFlow(path, connectionId, {
      initialDelayMs: 200,
      maxDelayMs: 1_000,
      maxAttempts: 20,
    }),
    activate: true,
  });
  expect(flow.status).toBe(201);
  const orders = Array.from({ length: ORDERS }, (_, i) => ({
    order: `${label}-${String(i).padStart(3, '0')}`,
    customer: 'cust-exactly-once',
    cents: 1000 + i,
  }));
  const runs = await waitForRuns(base, await postOrders(base, path, orders));

  const sales = [...sim.handle.state.transactions.values()].filter(
    (t) => t.type === 'SALE' && t.description.startsWith(`${label}-`),
  );
  const byOrder = new Map<string, typeof sales>();
  for (const t of sales) byOrder.set(t.description, [...(byOrder.get(t.description) ?? []), t]);
  const doubled = [...byOrder].filter(([, list]) => list.length !== 1).map(([o]) => o);
  expect(doubled, 'orders charged more than once').toEqual([]);
  const missing = runs
    .filter((r) => !byOrder.has(r.steps[0].output.body.order))
    .map((r) => ({ status: r.status, error: r.error, steps: r.steps.slice(1) }));
  expect(missing, 'orders never charged').toEqual([]);
  for (const o of orders) {
    const [t] = byOrder.get(o.order) ?? [];
    expect(t?.responseCode).toBe(101);
    expect(t?.amountCents).toBe(o.cents);
  }

  expect(runs.map((r) => r.status).filter((s) => s !== 'succeeded')).toEqual([]);
  for (const run of runs) {
    const sale = run.steps.filter((s: any) => s.nodeId === 'sale' && s.status === 'succeeded');
    expect(sale).toHaveLength(1);
    expect(sale[0].port).toBe('approved');
    const t = sim.handle.state.transactions.get(Number(sale[0].output.transactionId));
    expect(t?.description).toBe(run.steps[0].output.body.order);
  }
  return runs;
}

describe('PayTrace sale: exactly one charge per order under faults', () => {
  it('with every third sale answered only after the request timeout', async () => {
    sim.handle.setFault(SALE_PATH, { latencyMs: 1_600, every: 3 });
    await chargeAll('latency');
  }, 180_000);

  it('with every third sale refused by a 502 before processing', async () => {
    sim.handle.setFault(SALE_PATH, { status: 502, every: 3 });
    await chargeAll('http502');
  }, 180_000);

  it('with every third connection reset before processing', async () => {
    sim.handle.setFault(SALE_PATH, { reset: 'before', every: 3 });
    await chargeAll('reset-before');
  }, 180_000);

  it('with every third connection reset after the charge happened', async () => {
    sim.handle.setFault(SALE_PATH, { reset: 'after', every: 3 });
    const runs = await chargeAll('reset-after');
    // The lost answers were recovered by looking the sale up, not by charging again.
    const recovered = runs.filter((r) =>
      r.steps.some((s: any) => s.nodeId === 'sale' && s.status === 'retrying'),
    );
    expect(recovered.length).toBeGreaterThanOrEqual(ORDERS / 3 - 2);
  }, 180_000);
});
