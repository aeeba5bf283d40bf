/**
 * `npm run bench`: ingest and execution throughput of the runtime, each beside a baseline
 * measured in the same run on the same machine, so the ratios hold on noisy hardware.
 *
 * 1. Ingest: requests/s and p50/p99 latency of a REST trigger at 32 connections, against a bare
 *    Hono endpoint (and, for context, one committed insert per request). Every 2xx is checked to
 *    be a durable event with its run.
 * 2. Runs: end-to-end runs/s of a 4-node flow (trigger -> map -> branch -> respond) drained by a
 *    worker process, against graphile-worker draining no-op jobs with the same concurrency.
 * 3. Peak memory (VmHWM) of the runtime processes under that load.
 * 4. Signed Shopify webhooks: requests/s and p99 at 32 connections, against the same bare Hono
 *    baseline (see `shopify-ingest.ts`).
 * 5. Charges: PayTrace sales/s through a sale node against the simulator, against the same
 *    number of direct HTTP sale calls to it (see `charges.ts`).
 * 6. Settlement reconciliation: matching plus report of 100,000 settled transactions against
 *    100,000 ledger payments beside a plain SQL hash join of the same tables, and 1,000,000
 *    transactions (see `reconciliation.ts`).
 * 7. Fraud scoring: fraud.score throughput and p99 with 1,000,000 past payment attempts in
 *    Postgres, and the history summary's latency, beside a plain indexed lookup of one key
 *    (see `fraud.ts`).
 *
 * Before those ("core"), the cases against a peer (see `peer-cases.ts`): sync REST flows beside
 * Node-RED (`sync-matrix.ts`), the sync request's CPU profile and SQL per request
 * (`sync-profile.ts`), cold start of the built runtime beside tsx (`cold-start.ts`).
 * `npm run bench -- --only sync,cold-start` runs only the named cases (see `selection.ts`).
 */
import { openSql } from '../src/db/client';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Logger as QueueLogger, run as runWorker, runMigrations } from 'graphile-worker';
import { Hono } from 'hono';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { createLogger } from '../src/logger';
import { spawnRuntime } from '../test/processes';
import { benchPeerCases } from './peer-cases';
import { benchSelection } from './selection';
import { benchCharges } from './charges';
import { benchShopifyIngest } from './shopify-ingest';
import { benchReconciliation, reconciliationLines } from './reconciliation';
import { benchFraud, fraudLines } from './fraud';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = 32;
const BENCH_TOKEN = `pbt_bench_${Date.now()}_0123456789abcdef`;
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8);
const CHARGES = Number(process.env.BENCH_CHARGES ?? 2000);
const BODY = JSON.stringify({
  id: 'ORD-1001',
  total_cents: 12999,
  currency: 'USD',
  email: 'a@b.example',
});

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(url: string): Promise<LoadResult> {
  const r = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

async function serveApp(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve({
        url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
        close: () => new Promise((r) => s.close(() => r())),
      }),
    );
  });
}

async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** The single row of an aggregate query. */
function one<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (!row) throw new Error('expected one row');
  return row;
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const ratio = (a: number, b: number) => `${fmt((100 * a) / b, 1)}%`;

async function main(): Promise<void> {
  const selected = benchSelection(process.argv.slice(2));
  const peers = await benchPeerCases(selected, {
    token: BENCH_TOKEN,
    durationS: DURATION_S,
    connections: CONNECTIONS,
  });
  if (!peers.ok) process.exitCode = 1;
  if (!selected.has('core')) {
    process.stdout.write(`${peers.lines.join('\n')}\n`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: createLogger('warn') });
  const admin = openSql(pg.url, { max: 2 });
  const dbUrl = (name: string) => {
    const u = new URL(pg.url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    // --- baseline 1: bare Hono --------------------------------------------------------
    const bare = new Hono().post('/hook', async (c) => c.json({ ok: true }, 202));
    const bareSrv = await serveApp(bare);
    await load(`${bareSrv.url}/hook`); // warm-up of the load generator and JIT
    const bareRes = await load(`${bareSrv.url}/hook`);
    await bareSrv.close();

    // --- baseline 2: one committed insert per request -----------------------------------
    await admin.unsafe('create database bench_insert');
    const ins = openSql(dbUrl('bench_insert'), { max: 20 });
    await ins`create table hits (id bigserial primary key, body jsonb not null)`;
    const insApp = new Hono().post('/hook', async (c) => {
      await ins`insert into hits (body) values (${await c.req.text()}::jsonb)`;
      return c.json({ ok: true }, 202);
    });
    const insSrv = await serveApp(insApp);
    const insRes = await load(`${insSrv.url}/hook`);
    await insSrv.close();
    await ins.end();

    // --- Paybridge ingest (API role, workers off so the queue fills) --------------------
    await admin.unsafe('create database bench_runtime');
    const rtUrl = dbUrl('bench_runtime');
    const api = spawnRuntime(['--role', 'api'], {
      DATABASE_URL: rtUrl,
      PORT: '0',
      PAYBRIDGE_LOG_LEVEL: 'info',
      PAYBRIDGE_BOOTSTRAP_TOKEN: BENCH_TOKEN,
    });
    const base = (await api.waitFor(/Paybridge is running at (http:\/\/\S+)/))[1]!;
    const graph = {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.rest',
          typeVersion: 1,
          // A rate limit far above the load: its shared counting is measured, nothing refused.
          config: { path: 'bench/orders', rateLimit: { perMinute: 1_000_000, burst: 1_000_000 } },
        },
        {
          id: 'shape',
          type: 'map',
          typeVersion: 1,
          config: { expression: '{ "order": body.id, "cents": body.total_cents }' },
        },
        {
          id: 'route',
          type: 'branch',
          typeVersion: 1,
          config: { rules: [{ port: 'large', when: 'cents >= 10000' }] },
        },
        { id: 'reply', type: 'respond', typeVersion: 1, config: { status: 200 } },
      ],
      edges: [
        { from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } },
        { from: { node: 'shape', port: 'out' }, to: { node: 'route', port: 'in' } },
        { from: { node: 'route', port: 'large' }, to: { node: 'reply', port: 'in' } },
        { from: { node: 'route', port: 'default' }, to: { node: 'reply', port: 'in' } },
      ],
    };
    const created = await fetch(`${base}/api/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
      body: JSON.stringify({ name: 'bench', graph, activate: true }),
    });
    if (created.status !== 201) throw new Error(`flow create failed: ${await created.text()}`);
    const hookUrl = `${base}/hooks/bench/orders`;
    await load(hookUrl); // warm-up
    const db = openSql(rtUrl, { max: 2 });
    const { before } = one(
      await db<{ before: number }[]>`select count(*)::int as before from runs`,
    );
    const ingestRes = await load(hookUrl);
    const { after, jobs } = one(
      await db<{ after: number; jobs: number }[]>`
        select (select count(*)::int from runs) as after,
               (select count(*)::int from graphile_worker._private_jobs) as jobs`,
    );
    const durable = after - before;
    const apiPeak = await peakRssMiB(api.child.pid!);

    // --- Paybridge runs: a worker process drains everything ingest queued ---------------
    const total = after;
    const t0 = Date.now();
    const worker = spawnRuntime(['--role', 'worker'], {
      DATABASE_URL: rtUrl,
      PAYBRIDGE_WORKER_CONCURRENCY: String(CONCURRENCY),
      PAYBRIDGE_LOG_LEVEL: 'warn',
    });
    for (;;) {
      const { left } = one(
        await db<{ left: number }[]>`
          select count(*)::int as left from runs where status not in ('succeeded', 'failed')`,
      );
      if (left === 0) break;
      if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const runsPerS = total / ((Date.now() - t0) / 1000);
    const { failedRuns } = one(
      await db<{ failedRuns: number }[]>`
        select count(*)::int as "failedRuns" from runs where status = 'failed'`,
    );
    const workerPeak = await peakRssMiB(worker.child.pid!);
    worker.child.kill('SIGTERM');
    await worker.exited;
    api.child.kill('SIGTERM');
    await api.exited;
    await db.end();

    // --- baseline 3: graphile-worker no-op jobs, same count and concurrency ---------------
    await admin.unsafe('create database bench_graphile');
    const gwUrl = dbUrl('bench_graphile');
    await runMigrations({
      connectionString: gwUrl,
      logger: new QueueLogger(() => () => undefined),
    });
    const gw = openSql(gwUrl, { max: 2 });
    await gw`select graphile_worker.add_jobs(array(
      select row('noop', '{}'::json, null, null, null, null, null, null)::graphile_worker.job_spec
      from generate_series(1, ${total})))`;
    let done = 0;
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const g0 = Date.now();
    const runner = await runWorker({
      connectionString: gwUrl,
      concurrency: CONCURRENCY,
      noHandleSignals: true,
      pollInterval: 1000,
      logger: new QueueLogger(() => () => undefined),
      taskList: {
        noop: async () => {
          if (++done === total) finish();
        },
      },
    });
    await finished;
    const jobsPerS = total / ((Date.now() - g0) / 1000);
    await runner.stop();
    await gw.end();

    // --- signed Shopify webhooks ------------------------------------------------------------
    await admin.unsafe('create database bench_shopify');
    const shopify = await benchShopifyIngest({
      dbUrl: dbUrl('bench_shopify'),
      token: BENCH_TOKEN,
      durationS: DURATION_S,
      connections: CONNECTIONS,
    });

    // --- charges through a PayTrace sale node vs direct calls to the simulator ---------------
    await admin.unsafe('create database bench_charges');
    const charges = await benchCharges({
      dbUrl: dbUrl('bench_charges'),
      count: CHARGES,
      concurrency: CONCURRENCY,
      token: BENCH_TOKEN,
    });

    // --- settlement reconciliation: matching + report vs a plain hash join -----------------
    await admin.unsafe('create database bench_recon_small');
    await admin.unsafe('create database bench_recon_large');
    const reconSmall = await benchReconciliation({
      dbUrl: dbUrl('bench_recon_small'),
      transactions: Number(process.env.BENCH_RECON_SMALL ?? 100_000),
    });
    const reconLarge = await benchReconciliation({
      dbUrl: dbUrl('bench_recon_large'),
      transactions: Number(process.env.BENCH_RECON_LARGE ?? 1_000_000),
    });

    // --- fraud scoring with 1M past attempts vs a plain indexed lookup of one key ------------
    await admin.unsafe('create database bench_fraud');
    const fraud = await benchFraud({
      dbUrl: dbUrl('bench_fraud'),
      history: Number(process.env.BENCH_FRAUD_HISTORY ?? 1_000_000),
    });

    // Requests still in flight when the load generator stops are stored but not counted as
    // accepted, so up to one per connection may be stored without being counted.
    const allDurable = durable >= ingestRes.ok && durable - ingestRes.ok <= CONNECTIONS;
    const lines = [
      '',
      `Paybridge benchmark (${DURATION_S}s per load, ${CONNECTIONS} connections, worker concurrency ${CONCURRENCY})`,
      '',
      'Ingest (REST trigger, async, every 2xx durable)',
      `  bare Hono endpoint            ${fmt(bareRes.rps).padStart(7)} req/s  p50 ${bareRes.p50} ms  p99 ${bareRes.p99} ms`,
      `  one committed insert/request  ${fmt(insRes.rps).padStart(7)} req/s  p50 ${insRes.p50} ms  p99 ${insRes.p99} ms`,
      `  Paybridge /hooks              ${fmt(ingestRes.rps).padStart(7)} req/s  p50 ${ingestRes.p50} ms  p99 ${ingestRes.p99} ms  failed ${ingestRes.failed}`,
      `  ratio to bare Hono            ${ratio(ingestRes.rps, bareRes.rps)}   (target >= 20%)`,
      `  durability check              ${ingestRes.ok} accepted, ${durable} runs stored, ${jobs} jobs queued -> ${allDurable ? 'every accepted request durable' : 'LOST EVENTS'}`,
      '',
      'Runs (4-node flow, end to end)',
      `  graphile-worker no-op jobs    ${fmt(jobsPerS).padStart(7)} jobs/s`,
      `  Paybridge runs                ${fmt(runsPerS).padStart(7)} runs/s  (${total} runs, ${failedRuns} failed)`,
      `  ratio to no-op jobs           ${ratio(runsPerS, jobsPerS)}   (target >= 25%)`,
      '',
      'Shopify webhooks (HMAC-signed, new order each, lossless ids, deduped, stored with its run)',
      `  Paybridge /hooks/shopify      ${fmt(shopify.rps).padStart(7)} req/s  p50 ${shopify.p50} ms  p99 ${shopify.p99} ms  failed ${shopify.failed}`,
      `  ratio to bare Hono            ${ratio(shopify.rps, bareRes.rps)}`,
      '',
      `Charges (PayTrace sale node vs direct calls to the simulator, ${charges.charges} each, concurrency ${CONCURRENCY})`,
      `  direct HTTP sale calls        ${fmt(charges.directPerS).padStart(7)} sales/s`,
      `  Paybridge sale node           ${fmt(charges.paybridgePerS).padStart(7)} charges/s  (${charges.failedRuns} failed runs, ${charges.notExactlyOnce} orders not charged exactly once)`,
      `  ratio to direct calls         ${ratio(charges.paybridgePerS, charges.directPerS)}`,
      '',
      ...reconciliationLines(reconSmall, reconLarge),
      '',
      ...fraudLines(fraud),
      '',
      'Peak memory (VmHWM)',
      `  API process                   ${fmt(apiPeak)} MiB`,
      `  worker process                ${fmt(workerPeak)} MiB   (target < 500 MiB each)`,
      '',
    ];
    process.stdout.write([...peers.lines, ...lines].join('\n'));
    if (!allDurable || failedRuns > 0 || jobs < durable) process.exitCode = 1;
    if (charges.failedRuns > 0 || charges.notExactlyOnce > 0) process.exitCode = 1;
    if (shopify.failed > 0) process.exitCode = 1;
  } finally {
    await admin.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
