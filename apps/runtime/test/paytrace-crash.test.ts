/**
 * kill -9 of the worker while sales are in flight: PayTrace processes requests whose answer
 * nobody will read, and the runs' checkpoints never record them. The worker that takes over must
 * find those sales, not make them again.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  createPaytraceConnection,
  createVaultCustomer,
  postOrders,
  saleFlow,
  waitForRuns,
} from './paytrace-support';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call, freshDatabase, startTestRuntime } from './support';

const ORDERS = 200;

let sim: RunningPaytraceSimulator;
let api: RuntimeHandle;
let sql: Sql;
let dbUrl: string;
const workers: RuntimeProcess[] = [];

function worker(): RuntimeProcess {
  const w = spawnRuntime(['--role', 'worker'], {
    DATABASE_URL: dbUrl,
    PAYBRIDGE_WORKER_DEAD_AFTER_S: '3',
    PAYBRIDGE_WORKER_CONCURRENCY: '8',
    PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
    PAYBRIDGE_LOG_LEVEL: 'warn',
  });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-crash');
  dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  api = await startTestRuntime(dbUrl, { role: 'api' });
}, 60_000);
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await api?.stop();
  await sql?.end();
  await sim?.close();
});

describe('PayTrace sale: exactly one charge per order across a worker crash', () => {
  it('recovers sales made while the worker died, without charging again', async () => {
    const base = api.url!;
    const connectionId = await createPaytraceConnection(base, {
      requestTimeoutSeconds: 5,
      unknownOutcomeWaitSeconds: 2,
    });
    const flow = await call(base, 'POST', '/api/flows', {
      name: 'charge crash',
      graph: saleFlow('charge/crash', connectionId),
      activate: true,
    });
    expect(flow.status).toBe(201);
    // Each sale takes 300 ms at the gateway: a wide window between request and answer.
    sim.handle.setFault('/v1/transactions/sale/by_customer', { latencyMs: 300 });
    const orders = Array.from({ length: ORDERS }, (_, i) => ({
      order: `crash-${String(i).padStart(3, '0')}`,
      customer: 'cust-crash',
      cents: 500 + i,
    }));
    const runIds = await postOrders(base, 'charge/crash', orders);

    const first = worker();
    const pending = async () =>
      (
        await sql<{ n: number }[]>`
        select count(*)::int as n from effect_records where status = 'pending'`
      )[0]!.n;
    const until = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 120_000;
      while (!(await done())) {
        if (Date.now() > deadline || first.child.exitCode !== null) {
          throw new Error(
            `worker never got to ${what}: ${sim.handle.state.transactions.size} sales made, ` +
              `exit code ${first.child.exitCode}, output:\n${first.output().slice(-2000)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // Once a good share of sales reached PayTrace, the gateway slows to 3 s a sale: the sales
    // started after that are certainly unanswered when the kill lands, however loaded the machine.
    await until(
      'a quarter of the sales',
      async () => sim.handle.state.transactions.size >= ORDERS / 4,
    );
    sim.handle.setFault('/v1/transactions/sale/by_customer', { latencyMs: 3_000 });
    await new Promise((r) => setTimeout(r, 400)); // sales begun before the change are answered
    await until('a slow sale in flight', async () => (await pending()) > 0);
    first.child.kill('SIGKILL');
    await first.exited;
    await new Promise((r) => setTimeout(r, 3_500)); // let the orphaned requests land at PayTrace
    sim.handle.setFault('/v1/transactions/sale/by_customer', { latencyMs: 300 });
    const [inFlight] = await sql<{ pending: number }[]>`
      select count(*)::int as pending from effect_records where status = 'pending'`;
    expect(inFlight?.pending, 'sales in flight when the worker died').toBeGreaterThan(0);

    worker();
    const runs = await waitForRuns(base, runIds, 180_000);
    expect(runs.map((r) => r.status).filter((s) => s !== 'succeeded')).toEqual([]);

    const sales = [...sim.handle.state.transactions.values()].filter((t) =>
      t.description.startsWith('crash-'),
    );
    const counts = new Map<string, number>();
    for (const t of sales) counts.set(t.description, (counts.get(t.description) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(counts.size).toBe(ORDERS);
    for (const run of runs) {
      const sale = run.steps.find((s: any) => s.nodeId === 'sale' && s.status === 'succeeded');
      const t = sim.handle.state.transactions.get(Number(sale.output.transactionId));
      expect(t?.description).toBe(run.steps[0].output.body.order);
    }
  }, 300_000);
});
