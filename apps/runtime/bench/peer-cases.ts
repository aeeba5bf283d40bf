/**
 * The benchmark's cases measured against a peer or a former self rather than against a bare
 * baseline: sync flows beside Node-RED, the sync request's profile, and cold start of the built
 * runtime beside tsx. Each runs the runtime as `npm start` does, so the runtime is built first.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RUNTIME_DIR } from '../test/processes';
import { benchColdStart, coldStartLines } from './cold-start';
import { numberList, type BenchCase } from './selection';
import { benchSyncMatrix, syncDurable, syncMatrixLines } from './sync-matrix';
import { benchSyncProfile, syncProfileLines } from './sync-profile';

export interface PeerCasesResult {
  lines: string[];
  /** False when an answered request was lost or a run failed. */
  ok: boolean;
}

export async function benchPeerCases(
  selected: Set<BenchCase>,
  o: { token: string; durationS: number; connections: number },
): Promise<PeerCasesResult> {
  const lines: string[] = [];
  let ok = true;
  if (!selected.has('sync') && !selected.has('profile') && !selected.has('cold-start')) {
    return { lines, ok };
  }
  const built = spawnSync(
    process.execPath,
    [join(RUNTIME_DIR, '../../scripts/build-runtime.mjs')],
    {
      cwd: RUNTIME_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (built.status !== 0) throw new Error('runtime build failed');
  if (selected.has('sync')) {
    const sync = await benchSyncMatrix({
      ...o,
      chains: numberList(process.env.BENCH_SYNC_CHAINS, [2, 10, 50]),
      bodiesKiB: numberList(process.env.BENCH_SYNC_BODIES_KB, [1, 100]),
    });
    lines.push('', ...syncMatrixLines(sync));
    ok &&= syncDurable(sync);
  }
  if (selected.has('profile')) {
    const chain = numberList(process.env.BENCH_PROFILE_CHAIN, [2])[0]!;
    const bodyKiB = numberList(process.env.BENCH_PROFILE_BODY_KB, [1])[0]!;
    lines.push('', ...syncProfileLines(await benchSyncProfile({ ...o, chain, bodyKiB })));
  }
  if (selected.has('cold-start')) {
    const starts = numberList(process.env.BENCH_COLD_STARTS, [3])[0]!;
    lines.push('', ...coldStartLines(await benchColdStart({ starts })));
  }
  return { lines, ok };
}
