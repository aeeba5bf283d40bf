/**
 * Sync REST flows, Paybridge beside Node-RED in the same run: webhook -> chain of N map nodes ->
 * respond, with N in 2 / 10 / 50 and 1 KB / 100 KB JSON bodies, each cell loaded at 32
 * connections for the same time, the two systems interleaved cell by cell so a change of load
 * on the machine hits both. Each map node merges a step number into the whole payload (the same
 * JSONata in both), so every node reads and passes on the full body.
 *
 * Paybridge runs as `npm start` runs it (the built runtime with its embedded Postgres) and is
 * durable: the event, the run and its steps are committed before the answer. After each cell
 * every answered request must be a succeeded run, or the benchmark fails. Memory is the peak PSS
 * of each process tree (Paybridge's includes its Postgres) sampled during the cell.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openSql, type Sql } from '../src/db/client';
import { spawnRuntime, type RuntimeProcess } from '../test/processes';
import { nodeRedChainFlow, startNodeRed } from './node-red';
import { samplePeakPss } from './process-tree';

export interface SyncCell {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  peakPssMiB: number;
  /** The runtime process's own share of that peak (its threads included; Postgres excluded). */
  peakOwnPssMiB: number;
  /** Answered requests of the warm-up before the measured load. */
  warmUpOk: number;
}

export interface SyncRow {
  bodyKiB: number;
  chain: number;
  nodeRed: SyncCell;
  paybridge: SyncCell;
}

export interface SyncMatrixResult {
  durationS: number;
  connections: number;
  rows: SyncRow[];
  /** Answered Paybridge requests, succeeded runs, failed runs, over all cells. */
  accepted: number;
  succeeded: number;
  failedRuns: number;
}

export interface SyncMatrixOptions {
  token: string;
  durationS: number;
  connections: number;
  chains: number[];
  bodiesKiB: number[];
}

/** A JSON order of about `bytes` bytes (line items fill it up). */
export function orderBody(bytes: number): string {
  const order = {
    id: 'ORD-1001',
    currency: 'USD',
    total_cents: 12999,
    email: 'buyer@example.com',
    lines: [] as { sku: string; title: string; qty: number; price_cents: number }[],
  };
  let i = 0;
  while (JSON.stringify(order).length < bytes - 80) {
    order.lines.push({
      sku: `SKU-${i}`,
      title: `Item number ${i}`,
      qty: 1 + (i % 3),
      price_cents: 999,
    });
    i++;
  }
  return JSON.stringify(order);
}

/** The map node's JSONata in Paybridge (step 1 reads the trigger's body). */
const paybridgeExpression = (i: number) =>
  i === 1 ? '$merge([body, {"step": 1}])' : `$merge([$, {"step": ${i}}])`;
/** The same in a Node-RED change node, on msg.payload. */
const nodeRedExpression = (i: number) => `$merge([payload, {"step": ${i}}])`;

export function paybridgeChainGraph(n: number) {
  const nodes: unknown[] = [
    {
      id: 'trigger',
      type: 'trigger.rest',
      typeVersion: 1,
      // A rate limit far above the load: its shared counting is measured, nothing refused.
      config: {
        path: `bench/chain-${n}`,
        mode: 'sync',
        // The longest wait allowed: a slow answer is measured as slow, not as a 504.
        timeoutMs: 60_000,
        rateLimit: { perMinute: 1_000_000, burst: 1_000_000 },
      },
    },
  ];
  const edges: unknown[] = [];
  let prev = 'trigger';
  for (let i = 1; i <= n; i++) {
    nodes.push({
      id: `map${i}`,
      type: 'map',
      typeVersion: 1,
      config: { expression: paybridgeExpression(i) },
    });
    edges.push({ from: { node: prev, port: 'out' }, to: { node: `map${i}`, port: 'in' } });
    prev = `map${i}`;
  }
  nodes.push({ id: 'reply', type: 'respond', typeVersion: 1, config: { status: 200 } });
  edges.push({ from: { node: prev, port: 'out' }, to: { node: 'reply', port: 'in' } });
  return { nodes, edges };
}

async function load(url: string, body: string, o: SyncMatrixOptions, durationS: number) {
  const r = await autocannon({
    url,
    method: 'POST',
    connections: o.connections,
    duration: durationS,
    timeout: 60,
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

/** One cell: a short warm-up, then the measured load with the tree's PSS sampled. */
async function cell(
  url: string,
  body: string,
  o: SyncMatrixOptions,
  pid: number,
): Promise<SyncCell> {
  const warm = await load(url, body, o, 1);
  const pss = samplePeakPss([pid]);
  const r = await load(url, body, o, o.durationS);
  const peakPssMiB = await pss.stop();
  return { ...r, peakPssMiB, peakOwnPssMiB: pss.rootsAtPeakMiB(), warmUpOk: warm.ok };
}

/** Checks one answer before loading: the chain ran every node over the whole body. */
async function checkAnswer(url: string, body: string, n: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  const sent = JSON.parse(body) as { lines: unknown[] };
  let got: { step?: number; lines?: unknown[] } = {};
  try {
    got = JSON.parse(text) as typeof got;
  } catch {
    // reported below
  }
  if (res.status !== 200 || got.step !== n || got.lines?.length !== sent.lines.length) {
    throw new Error(`${url}: unexpected answer ${res.status} ${text.slice(0, 300)}`);
  }
}

/** A client of the runtime's embedded Postgres (credentials and port from its data folder). */
async function embeddedSql(dataDir: string): Promise<Sql> {
  const creds = JSON.parse(await readFile(join(dataDir, 'pg-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const port = (await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3];
  const url = `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/paybridge`;
  return openSql(url, { max: 2 });
}

async function runCounts(db: Sql, flowId: string) {
  const rows = await db<{ status: string; n: number }[]>`
    select status, count(*)::int as n from runs where flow_id = ${flowId} group by status`;
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const total = rows.reduce((a, r) => a + r.n, 0);
  return { total, succeeded: by.succeeded ?? 0, failed: by.failed ?? 0 };
}

/**
 * Waits until no run is still queued or running (requests cut off at the end of a cell, or
 * answered 504 after the trigger's timeout, go on in the background), so a cell never measures
 * the backlog of the one before. Throws when the backlog does not drain in `timeoutMs`.
 */
async function settle(db: Sql, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db<{ left: number }[]>`
      select count(*)::int as left from runs
      where status not in ('succeeded', 'failed', 'cancelled')`;
    const left = row?.left ?? 0;
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} runs still unfinished after a cell`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function benchSyncMatrix(o: SyncMatrixOptions): Promise<SyncMatrixResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'paybridge-bench-sync-'));
  const nodeRed = await startNodeRed(
    o.chains.flatMap((n) => nodeRedChainFlow(n, nodeRedExpression)),
  );
  let runtime: RuntimeProcess | null = null;
  let db: Sql | null = null;
  try {
    runtime = spawnRuntime(
      [],
      {
        DATABASE_URL: '',
        PORT: '0',
        PAYBRIDGE_DATA_DIR: dataDir,
        PAYBRIDGE_BOOTSTRAP_TOKEN: o.token,
      },
      { built: true },
    );
    const base = (await runtime.waitFor(/Paybridge is running at (http:\/\/\S+)/, 180_000))[1]!;
    db = await embeddedSql(dataDir);
    const flowIds = new Map<number, string>();
    for (const n of o.chains) {
      const res = await fetch(`${base}/api/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        body: JSON.stringify({
          name: `bench chain ${n}`,
          graph: paybridgeChainGraph(n),
          activate: true,
        }),
      });
      const json = (await res.json()) as { id?: string };
      if (res.status !== 201 || !json.id)
        throw new Error(`flow create failed: ${JSON.stringify(json)}`);
      flowIds.set(n, json.id);
    }
    const result: SyncMatrixResult = {
      durationS: o.durationS,
      connections: o.connections,
      rows: [],
      accepted: 0,
      succeeded: 0,
      failedRuns: 0,
    };
    for (const kib of o.bodiesKiB) {
      const body = orderBody(kib * 1024);
      for (const n of o.chains) {
        const nrUrl = `${nodeRed.url}/chain/${n}`;
        const pbUrl = `${base}/hooks/bench/chain-${n}`;
        await checkAnswer(nrUrl, body, n);
        await checkAnswer(pbUrl, body, n);
        const flowId = flowIds.get(n)!;
        await settle(db);
        const before = await runCounts(db, flowId);
        const nr = await cell(nrUrl, body, o, nodeRed.pid);
        const pb = await cell(pbUrl, body, o, runtime.child.pid!);
        await settle(db);
        const after = await runCounts(db, flowId);
        // Every answered request: the check, the warm-up's and the measured load's.
        result.accepted += 1 + pb.warmUpOk + pb.ok;
        result.succeeded += after.succeeded - before.succeeded;
        result.failedRuns += after.failed - before.failed;
        result.rows.push({ bodyKiB: kib, chain: n, nodeRed: nr, paybridge: pb });
        process.stderr.write(
          `  sync ${kib} KB chain ${n}: Node-RED ${nr.rps.toFixed(0)} req/s, Paybridge ${pb.rps.toFixed(0)} req/s\n`,
        );
      }
    }
    return result;
  } finally {
    await db?.end();
    if (runtime && runtime.child.exitCode === null) {
      runtime.child.kill('SIGTERM');
      await runtime.exited;
    }
    await nodeRed.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Throughput cost of one more node in µs per request: the least-squares slope of 1/throughput
 * over the chain lengths (at 32 connections on the whole machine, so it is wall time per request
 * at saturation, not the CPU time of one core).
 */
export function perNodeMicros(points: { chain: number; rps: number }[]): number {
  const xs = points.map((p) => p.chain);
  const ys = points.map((p) => 1e6 / p.rps);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Every answered request was a succeeded run and no run failed. */
export function syncDurable(r: SyncMatrixResult): boolean {
  return r.succeeded >= r.accepted && r.failedRuns === 0;
}

/** Requests per second as read: whole numbers, a decimal below 10, "none" when none answered. */
function rate(cell: SyncCell, durationS: number): string {
  if (cell.ok === 0) return `none in ${durationS}s`;
  return cell.rps < 10 ? cell.rps.toFixed(1) : cell.rps.toFixed(0);
}

export function syncMatrixLines(r: SyncMatrixResult): string[] {
  const f0 = (n: number) => n.toFixed(0);
  const lines = [
    `Sync REST flows (webhook -> chain of N map nodes -> respond; ${r.connections} connections, ${r.durationS}s per cell; Paybridge durable, Node-RED persists nothing)`,
    '  body    chain | Node-RED req/s   p99 ms  PSS MiB | Paybridge req/s   p99 ms  PSS MiB  failed | ratio to Node-RED',
  ];
  for (const row of r.rows) {
    const { nodeRed: a, paybridge: b } = row;
    lines.push(
      `  ${`${row.bodyKiB} KB`.padEnd(7)} ${String(row.chain).padStart(5)} | ${rate(a, r.durationS).padStart(14)} ${(a.ok ? f0(a.p99) : '-').padStart(8)} ${f0(a.peakPssMiB).padStart(8)} | ${rate(b, r.durationS).padStart(15)} ${(b.ok ? f0(b.p99) : '-').padStart(8)} ${f0(b.peakPssMiB).padStart(8)} ${String(b.failed).padStart(7)} | ${((100 * b.rps) / a.rps).toFixed(1).padStart(6)}%`,
    );
  }
  lines.push(
    `  Paybridge peak PSS split, runtime process (threads included) + its Postgres: ${r.rows
      .map(
        (row) =>
          `${row.bodyKiB} KB x ${row.chain} ${f0(row.paybridge.peakOwnPssMiB)} + ${f0(row.paybridge.peakPssMiB - row.paybridge.peakOwnPssMiB)}`,
      )
      .join(', ')} MiB`,
  );
  for (const kib of [...new Set(r.rows.map((x) => x.bodyKiB))]) {
    const all = r.rows.filter((x) => x.bodyKiB === kib);
    // The slope needs two chains where both answered; a cell with no answer has no rate.
    const rows = all.filter((x) => x.nodeRed.ok > 0 && x.paybridge.ok > 0);
    if (rows.length < 2) {
      lines.push(`  ${kib} KB per-node overhead: not measurable (fewer than two chains answered)`);
      continue;
    }
    const nr = perNodeMicros(rows.map((x) => ({ chain: x.chain, rps: x.nodeRed.rps })));
    const pb = perNodeMicros(rows.map((x) => ({ chain: x.chain, rps: x.paybridge.rps })));
    const first = all[0]!;
    const last = all[all.length - 1]!;
    lines.push(
      `  ${kib} KB per-node overhead (slope of 1/throughput): Node-RED ${nr.toFixed(0)} µs, Paybridge ${pb.toFixed(0)} µs; Paybridge chain ${last.chain} at ${((100 * last.paybridge.rps) / first.paybridge.rps).toFixed(1)}% of chain ${first.chain} (target >= 60%)`,
    );
  }
  lines.push(
    `  durability check  ${r.accepted} answered, ${r.succeeded} succeeded runs (checks and warm-ups included), ${r.failedRuns} failed -> ${syncDurable(r) ? 'every answered request durable' : 'LOST OR FAILED RUNS'}`,
  );
  return lines;
}
