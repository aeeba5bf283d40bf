/**
 * Memory of a process and everything it started (worker threads live inside the process; child
 * processes such as an embedded Postgres and its backends are separate), measured as PSS: each
 * shared page counts once, split among the processes sharing it, so summing PSS over a tree gives
 * what the tree as a whole costs the machine (RSS would count Postgres's shared buffers once per
 * backend).
 */
import { readdir, readFile } from 'node:fs/promises';

/** Parent pid of every process on the machine, read from /proc/<pid>/stat. */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces: parse after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** `root` and all of its descendants that are alive now. */
export async function processTree(root: number): Promise<number[]> {
  const ppid = await parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of ppid) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

/** PSS of one process in KiB (0 once it has ended). */
async function pssKiB(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** PSS of the trees under `roots` together, in MiB. */
export async function treePssMiB(roots: number[]): Promise<number> {
  return (await treePss(roots)).total;
}

/** PSS of the trees together, and of the root processes alone (without their children), MiB. */
async function treePss(roots: number[]): Promise<{ total: number; roots: number }> {
  const pids = new Set((await Promise.all(roots.map(processTree))).flat());
  const sizes = await Promise.all([...pids].map(async (pid) => [pid, await pssKiB(pid)] as const));
  const total = sizes.reduce((a, [, kib]) => a + kib, 0) / 1024;
  const own = sizes.filter(([pid]) => roots.includes(pid)).reduce((a, [, kib]) => a + kib, 0);
  return { total, roots: own / 1024 };
}

/**
 * Samples the trees' PSS every `intervalMs` until stopped; `stop()` answers the peak in MiB.
 * Sampling reads /proc only, so it costs the measured processes nothing.
 */
export function samplePeakPss(
  roots: number[],
  intervalMs = 250,
): { stop(): Promise<number>; rootsAtPeakMiB(): number } {
  let peak = { total: 0, roots: 0 };
  let running = true;
  const sample = async () => {
    const now = await treePss(roots);
    if (now.total > peak.total) peak = now;
  };
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample();
      return peak.total;
    },
    /** The root processes' own share of the peak (the rest is their children: Postgres). */
    rootsAtPeakMiB: () => peak.roots,
  };
}

/** CPU time (user + system) of one process in seconds, 0 once it has ended. */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by `root` itself and by its descendants (an embedded Postgres and its
 * backends), for splitting a load's CPU between the runtime and its database.
 */
export async function treeCpuSeconds(root: number): Promise<{ root: number; children: number }> {
  const pids = await processTree(root);
  const times = await Promise.all(pids.map(cpuSeconds));
  return { root: times[0] ?? 0, children: times.slice(1).reduce((a, b) => a + b, 0) };
}
