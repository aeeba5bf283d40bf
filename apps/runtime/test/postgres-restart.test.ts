/**
 * Postgres restarts under load: a clean restart (sessions end with admin_shutdown, new ones are
 * refused while it is down) and a kill -9 of the postmaster (crash recovery). The runtime in
 * single-process mode and a second worker process keep running through both, and every run of
 * the batch ends `succeeded`: none stuck `running`, none dead-lettered for a database error,
 * and PayTrace holds exactly one sale per order. Uses a Postgres of its own.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import {
  createPaytraceConnection,
  createVaultCustomer,
  postOrders,
  saleFlow,
} from './paytrace-support';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call } from './support';

const ORDERS = 120;

let pg: PrivatePostgres;
let sim: RunningPaytraceSimulator;
let sql: Sql;
const procs: RuntimeProcess[] = [];

function runtimeProcess(role: 'all' | 'worker'): RuntimeProcess {
  const p = spawnRuntime(['--role', role], {
    DATABASE_URL: pg.url,
    PORT: '0',
    PAYBRIDGE_LOG_LEVEL: 'info',
    PAYBRIDGE_WORKER_DEAD_AFTER_S: '3',
    PAYBRIDGE_WORKER_CONCURRENCY: '4',
    PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
  });
  procs.push(p);
  return p;
}

async function counts(): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n from runs group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Polls until `check` holds, riding out the database being down meanwhile. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  // What the unfinished runs and their jobs look like, and what the processes said.
  const detail = await sql`
    select r.id, r.status, r.worker_id, j.id as job, j.attempts, j.locked_by, j.locked_at
    from runs r left join graphile_worker._private_jobs j on j.payload->>'runId' = r.id::text
    where r.status <> 'succeeded' limit 20`.catch((err: unknown) => String(err));
  for (const p of procs) process.stderr.write(p.output().slice(-20_000));
  process.stderr.write(`unfinished runs: ${JSON.stringify(detail, null, 1)}\n`);
  throw new Error(`timed out waiting for ${what}; runs: ${JSON.stringify(await counts())}`);
}

beforeAll(async () => {
  pg = await startPrivatePostgres();
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-restart');
  sql = openSql(pg.url, { max: 2 });
}, 60_000);
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await sql?.end({ timeout: 1 }).catch(() => undefined);
  await sim?.close();
  await pg?.stop();
});

describe('Postgres restarts under load', () => {
  it('finishes every run exactly once through a restart and a kill -9 of Postgres', async () => {
    const single = runtimeProcess('all');
    const base = (await single.waitFor(/Paybridge is running at (\S+)/))[1]!;
    const connectionId = await createPaytraceConnection(base, {
      requestTimeoutSeconds: 5,
      unknownOutcomeWaitSeconds: 2,
    });
    const flow = await call(base, 'POST', '/api/flows', {
      name: 'charge through restarts',
      graph: saleFlow('charge/restart', connectionId, { initialDelayMs: 200, maxDelayMs: 2000 }),
      activate: true,
    });
    expect(flow.status).toBe(201);
    // Each sale takes 150 ms at the gateway, so runs are mid-flight whenever Postgres goes.
    sim.handle.setFault('/v1/transactions/sale/by_customer', { latencyMs: 150 });
    const orders = Array.from({ length: ORDERS }, (_, i) => ({
      order: `restart-${String(i).padStart(3, '0')}`,
      customer: 'cust-restart',
      cents: 700 + i,
    }));
    const runIds = await postOrders(base, 'charge/restart', orders);
    const second = runtimeProcess('worker');
    await second.waitFor(/worker started|Paybridge worker is running/);

    const sales = () =>
      [...sim.handle.state.transactions.values()].filter((t) =>
        t.description.startsWith('restart-'),
      ).length;
    await waitFor(async () => sales() >= ORDERS / 4, 60_000, 'a quarter of the sales');
    await pg.restart(1500);
    await waitFor(async () => sales() >= ORDERS / 2, 90_000, 'half of the sales');
    await pg.crash(1500);

    await waitFor(
      async () => {
        const c = await counts();
        return (c.succeeded ?? 0) + (c.failed ?? 0) === ORDERS;
      },
      120_000,
      'every run to finish',
    );
    expect(await counts()).toEqual({ succeeded: ORDERS });
    const [dead] = await sql<{ n: number }[]>`select count(*)::int as n from dead_letters`;
    expect(dead?.n).toBe(0);
    const runs = await sql<{ id: string }[]>`select id::text as id from runs`;
    expect(runs.map((r) => r.id).sort()).toEqual([...runIds].sort());

    const perOrder = new Map<string, number>();
    for (const t of sim.handle.state.transactions.values()) {
      if (t.description.startsWith('restart-')) {
        perOrder.set(t.description, (perOrder.get(t.description) ?? 0) + 1);
      }
    }
    expect([...perOrder].filter(([, n]) => n !== 1)).toEqual([]);
    expect(perOrder.size).toBe(ORDERS);

    const said = procs.map((p) => p.output()).join('\n');
    const times = (re: RegExp) => (said.match(re) ?? []).length;
    process.stdout.write(
      `recovery: ${times(/queue replaced/g)} queue replacements, ${times(/sweeper requeued/g)} sweeps that requeued, ${times(/resuming it once it is back/g)} runs resumed in their job\n`,
    );
    // Neither process died of a stray database error.
    expect(single.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();
    expect(single.output()).not.toMatch(/uncaught exception/);
  }, 300_000);
});
