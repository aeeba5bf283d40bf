/**
 * Which parts of `npm run bench` run: all by default, or those named with
 * `npm run bench -- --only sync,cold-start` so a run can be bounded.
 */
export const BENCH_CASES = {
  sync: 'sync REST flows against Node-RED: chains of 2/10/50 map nodes, 1 KB and 100 KB bodies',
  profile: 'CPU profile and SQL statements per request of a sync flow under load',
  'cold-start': 'time to healthy of the built runtime against tsx',
  core: 'ingest, runs, Shopify webhooks, charges, reconciliation and memory against their baselines',
} as const;

export type BenchCase = keyof typeof BENCH_CASES;

/** The cases selected by `--only a,b` (or `--only=a,b`) in `argv`; every case without it. */
export function benchSelection(argv: readonly string[]): Set<BenchCase> {
  const all = Object.keys(BENCH_CASES) as BenchCase[];
  const i = argv.indexOf('--only');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--only='))?.slice(7);
  if (raw === undefined) return new Set(all);
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !all.includes(n as BenchCase));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only: unknown case ${JSON.stringify(unknown.join(',') || raw)}; choose from:\n` +
        all.map((c) => `  ${c.padEnd(11)} ${BENCH_CASES[c]}`).join('\n'),
    );
  }
  return new Set(names as BenchCase[]);
}

/** A comma-separated list of positive numbers from the environment, or the default. */
export function numberList(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined || value.trim() === '') return fallback;
  const list = value.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isFinite(n) || n <= 0)) {
    throw new Error(
      `expected a comma-separated list of positive numbers, got ${JSON.stringify(value)}`,
    );
  }
  return list;
}
