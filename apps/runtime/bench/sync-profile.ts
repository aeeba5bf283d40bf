/**
 * Where a sync request spends its time: the built runtime (with its embedded Postgres, as
 * `npm start` runs it) under the sync load of the matrix's first cell (webhook -> 2 map nodes ->
 * respond, 1 KB), with a V8 CPU profile of the process and its expression threads (`--cpu-prof`,
 * summed by package over the load only, start-up left out), and SQL statements per request from
 * pg_stat_statements (preloaded in the embedded cluster for this case): at 32 connections and
 * one request at a time.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openSql, type Sql } from '../src/db/client';
import { spawnRuntime, type RuntimeProcess, type SpawnOptions } from '../test/processes';
import {
  summarise,
  summaryLines,
  type CpuProfile,
  type ProfileSummary,
} from '../../../scripts/cpu-profile-summary.mjs';
import { treeCpuSeconds } from './process-tree';
import { orderBody, paybridgeChainGraph } from './sync-matrix';

export interface SqlSample {
  connections: number;
  requests: number;
  statements: number;
  top: { calls: number; ms: number; query: string }[];
}

export interface SyncProfileResult {
  rps: number;
  /** CPU seconds per request at 32 connections: the runtime process, and its Postgres. */
  cpuMsPerRequest: { runtime: number; postgres: number };
  chain: number;
  bodyKiB: number;
  profile: ProfileSummary;
  sql: SqlSample[];
}

async function embeddedUrl(dataDir: string): Promise<string> {
  const creds = JSON.parse(await readFile(join(dataDir, 'pg-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const port = (await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3];
  return `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/paybridge`;
}

async function stop(proc: RuntimeProcess): Promise<void> {
  if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
  await proc.exited;
}

/**
 * Statements the runtime sent since the last reset (top level: the checks that foreign keys and
 * triggers run inside a statement are not counted; the benchmark's own queries are left out).
 */
async function statements(db: Sql): Promise<{ total: number; top: SqlSample['top'] }> {
  const rows = await db<{ calls: number; ms: number; query: string }[]>`
    select calls::int as calls, mean_exec_time::float8 as ms, query from pg_stat_statements
    where query not ilike '%pg_stat_statements%' order by calls desc`;
  return {
    total: rows.reduce((a, r) => a + r.calls, 0),
    top: rows
      .slice(0, 8)
      .map((r) => ({ calls: r.calls, ms: r.ms, query: r.query.replace(/\s+/g, ' ') })),
  };
}

export async function benchSyncProfile(o: {
  token: string;
  durationS: number;
  connections: number;
  /** Map nodes in the chain (default 2) and body size in KiB (default 1). */
  chain?: number;
  bodyKiB?: number;
}): Promise<SyncProfileResult> {
  const chain = o.chain ?? 2;
  const bodyKiB = o.bodyKiB ?? 1;
  const dataDir = await mkdtemp(join(tmpdir(), 'paybridge-bench-profile-'));
  const profDir = await mkdtemp(join(tmpdir(), 'paybridge-bench-cpuprof-'));
  const env = {
    DATABASE_URL: '',
    PORT: '0',
    PAYBRIDGE_DATA_DIR: dataDir,
    PAYBRIDGE_BOOTSTRAP_TOKEN: o.token,
  };
  const start = async (opts: SpawnOptions) => {
    const proc = spawnRuntime([], env, opts);
    const url = (await proc.waitFor(/Paybridge is running at (http:\/\/\S+)/, 180_000))[1]!;
    return { proc, url };
  };
  try {
    // First start creates the cluster; preload pg_stat_statements for the next one.
    const first = await start({ built: true });
    const setup = openSql(await embeddedUrl(dataDir), { max: 1 });
    await setup.unsafe(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await setup.end();
    await stop(first.proc);

    const { proc, url } = await start({
      built: true,
      nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
    });
    const db = openSql(await embeddedUrl(dataDir), { max: 1 });
    try {
      await db.unsafe('create extension if not exists pg_stat_statements');
      const created = await fetch(`${url}/api/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        body: JSON.stringify({
          name: 'profile',
          graph: paybridgeChainGraph(chain),
          activate: true,
        }),
      });
      if (created.status !== 201) throw new Error(`flow create failed: ${await created.text()}`);
      const hook = `${url}/hooks/bench/chain-${chain}`;
      const body = orderBody(bodyKiB * 1024);
      const load = (connections: number, durationS: number) =>
        autocannon({
          url: hook,
          method: 'POST',
          connections,
          duration: durationS,
          headers: { 'content-type': 'application/json' },
          body,
        });
      await load(o.connections, 2); // warm-up
      const sql: SqlSample[] = [];
      let rps = 0;
      let cpuMs = { runtime: 0, postgres: 0 };
      let fromUs = 0;
      let toUs = 0;
      for (const connections of [o.connections, 1]) {
        await db`select pg_stat_statements_reset()`;
        const t0 = Number(process.hrtime.bigint() / 1000n);
        const cpu0 = await treeCpuSeconds(proc.child.pid!);
        const r = await load(connections, o.durationS);
        if (connections === o.connections) {
          const cpu1 = await treeCpuSeconds(proc.child.pid!);
          const n = Math.max(1, r['2xx']);
          cpuMs = {
            runtime: ((cpu1.root - cpu0.root) * 1000) / n,
            postgres: ((cpu1.children - cpu0.children) * 1000) / n,
          };
          rps = r.requests.average;
          fromUs = t0;
          toUs = Number(process.hrtime.bigint() / 1000n);
        }
        // Let requests cut off at the end finish before counting.
        await new Promise((res) => setTimeout(res, 1000));
        const s = await statements(db);
        sql.push({ connections, requests: r['2xx'], statements: s.total, top: s.top });
      }
      await db.end();
      await stop(proc);
      const files = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
      const profiles = await Promise.all(
        files.map(async (f) => JSON.parse(await readFile(join(profDir, f), 'utf8')) as CpuProfile),
      );
      return {
        rps,
        cpuMsPerRequest: cpuMs,
        chain,
        bodyKiB,
        profile: summarise(profiles, { fromUs, toUs }),
        sql,
      };
    } finally {
      await db.end();
      await stop(proc);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(profDir, { recursive: true, force: true });
  }
}

export function syncProfileLines(r: SyncProfileResult): string[] {
  const lines = [
    `Sync request profile (built runtime, webhook -> ${r.chain} maps -> respond, ${r.bodyKiB} KB, ${r.rps.toFixed(0)} req/s at 32 connections)`,
    `  CPU per request at 32 connections: runtime ${r.cpuMsPerRequest.runtime.toFixed(2)} ms, its Postgres ${r.cpuMsPerRequest.postgres.toFixed(2)} ms`,
    ...summaryLines(r.profile, { top: 12, functions: 8 }).map((l) => `  ${l}`),
  ];
  for (const s of r.sql) {
    lines.push(
      `  SQL at ${s.connections} connection(s): ${(s.statements / Math.max(1, s.requests)).toFixed(1)} statements per request (${s.statements} for ${s.requests} requests); most called (calls, mean time):`,
    );
    for (const t of s.top.slice(0, 6)) {
      lines.push(
        `    ${String(t.calls).padStart(7)}  ${t.ms.toFixed(2).padStart(7)} ms  ${t.query.slice(0, 100)}`,
      );
    }
  }
  return lines;
}
