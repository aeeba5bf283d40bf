/**
 * Cold start: seconds from launching the runtime to its first healthy answer (`/readyz` 200),
 * with the embedded Postgres default that `npm start` uses (cluster already created, so the
 * one-time initdb is left out), for the compiled bundle `npm start` runs (dist/main.mjs, built
 * first) against the former start path (`tsx src/main.ts`, TypeScript transpiled at every
 * start). Starts alternate between the two so a load change on the machine hits both alike;
 * the medians are compared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnRuntime, type SpawnOptions } from '../test/processes';

export interface ColdStartResult {
  /** Seconds to healthy of each start of the built runtime. */
  built: number[];
  /** Seconds to healthy of each start through tsx. */
  tsx: number[];
}

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One start: launch, wait until `/readyz` answers 200, stop cleanly. Answers the seconds. */
async function timeToHealthy(dataDir: string, opts: SpawnOptions): Promise<number> {
  const started = performance.now();
  const proc = spawnRuntime(
    [],
    { DATABASE_URL: '', PORT: '0', PAYBRIDGE_DATA_DIR: dataDir, PAYBRIDGE_LOG_LEVEL: 'info' },
    opts,
  );
  let seconds: number;
  try {
    const url = (await proc.waitFor(/Paybridge is running at (http:\/\/\S+)/, 120_000))[1]!;
    for (;;) {
      const res = await fetch(`${url}/readyz`).catch(() => null);
      if (res?.status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    seconds = (performance.now() - started) / 1000;
  } catch (err) {
    // SIGTERM, so the runtime stops its embedded Postgres too.
    proc.child.kill('SIGTERM');
    await proc.exited;
    throw err;
  }
  proc.child.kill('SIGTERM');
  const exit = await proc.exited;
  // The tsx CLI answers a SIGTERM it forwarded with 143 once its child has stopped.
  if (exit.code !== 0 && exit.code !== 143) {
    throw new Error(`runtime did not stop cleanly (${exit.code}):\n${proc.output()}`);
  }
  return seconds;
}

/** `starts` starts of each, alternating, after one start that creates the cluster. */
export async function benchColdStart(opts: { starts: number }): Promise<ColdStartResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'paybridge-cold-'));
  const built: SpawnOptions = { built: true };
  const viaTsx: SpawnOptions = { command: [process.execPath, TSX_CLI, 'src/main.ts'] };
  try {
    await timeToHealthy(dataDir, built); // creates the embedded cluster and the key file
    const result: ColdStartResult = { built: [], tsx: [] };
    for (let i = 0; i < opts.starts; i++) {
      result.tsx.push(await timeToHealthy(dataDir, viaTsx));
      result.built.push(await timeToHealthy(dataDir, built));
    }
    return result;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function coldStartLines(r: ColdStartResult): string[] {
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const b = median(r.built);
  const t = median(r.tsx);
  return [
    `Cold start to healthy (/readyz 200, embedded Postgres, median of ${r.built.length} alternating starts)`,
    `  tsx src/main.ts (before)      ${t.toFixed(2).padStart(7)} s   (${list(r.tsx)})`,
    `  node dist/main.mjs (npm start) ${b.toFixed(2).padStart(6)} s   (${list(r.built)})`,
    `  built / tsx                   ${((100 * b) / t).toFixed(1)}%   (target < 5 s)`,
  ];
}
