/**
 * The monthly chargeback ratio (disputes opened in a month / settled card transactions that
 * month) and the lines card schemes and acquirers judge it by. A ratio is a plain fraction
 * (`0.004` is 0.4 %), not money, so ordinary numbers are fine here.
 *
 * @module
 */

/** A calendar month, `YYYY-MM`. */
export type Month = string;

/** What one month of the ratio is made of. */
export interface MonthCounts {
  month: Month;
  disputes: number;
  settled: number;
}

/** A level the ratio is judged against, in force from a month on (null: always). */
export interface Threshold {
  id: 'early-warning-low' | 'early-warning-high' | 'visa-vamp';
  label: string;
  ratio: number;
  from: Month | null;
  severity: 'warning' | 'limit';
}

/**
 * Acquirers start warning merchants between 0.5 % and 0.7 % (each sets its own level inside
 * that band); Visa's Acquirer Monitoring Program (VAMP) calls a merchant excessive at 1.5 %
 * from April 2026.
 */
export const THRESHOLDS: readonly Threshold[] = [
  {
    id: 'early-warning-low',
    label: 'Acquirer early warning 0.5%',
    ratio: 0.005,
    from: null,
    severity: 'warning',
  },
  {
    id: 'early-warning-high',
    label: 'Acquirer early warning 0.7%',
    ratio: 0.007,
    from: null,
    severity: 'warning',
  },
  {
    id: 'visa-vamp',
    label: 'Visa VAMP 1.5% (from April 2026)',
    ratio: 0.015,
    from: '2026-04',
    severity: 'limit',
  },
];

/** Whether a threshold applies in a month (months compare as text: `YYYY-MM`). */
export function inForce(threshold: Threshold, month: Month): boolean {
  return threshold.from === null || month >= threshold.from;
}

/** A month's ratio, or null when nothing settled (a ratio of nothing is not 0 %). */
export function chargebackRatio(counts: Pick<MonthCounts, 'disputes' | 'settled'>): number | null {
  if (counts.settled <= 0) return null;
  return counts.disputes / counts.settled;
}

/** Where a month's ratio stands against the thresholds in force that month. */
export type Standing = 'no-volume' | 'fine' | 'early-warning' | 'over-limit';

/** Judges one month: over a limit in force beats inside the early-warning band. */
export function standing(counts: MonthCounts, thresholds = THRESHOLDS): Standing {
  const ratio = chargebackRatio(counts);
  if (ratio === null) return 'no-volume';
  const live = thresholds.filter((t) => inForce(t, counts.month));
  if (live.some((t) => t.severity === 'limit' && ratio >= t.ratio)) return 'over-limit';
  if (live.some((t) => t.severity === 'warning' && ratio >= t.ratio)) return 'early-warning';
  return 'fine';
}

/**
 * A ratio as a percentage with two decimals (`0.00425` is `"0.43%"`), or a dash when there is
 * no ratio, so a month without sales never reads as a perfect 0 %.
 */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toFixed(2)}%`;
}

/**
 * The last `count` calendar months ending with `current`'s month, oldest first, each with its
 * counts (zero when the answer has no row for it), so a quiet month shows as a gap, not as a
 * missing bar that shifts the others.
 */
export function monthsEnding(current: Month, count: number, rows: MonthCounts[]): MonthCounts[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const [y, m] = current.split('-').map(Number) as [number, number];
  const out: MonthCounts[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    out.push(byMonth.get(month) ?? { month, disputes: 0, settled: 0 });
  }
  return out;
}

/**
 * The top of the chart's scale: room for the highest ratio and every threshold in force in the
 * shown months, rounded up to a step of 0.25 % so the gridlines fall on readable values.
 */
export function scaleTop(months: MonthCounts[], thresholds = THRESHOLDS): number {
  const step = 0.0025;
  const lines = thresholds
    .filter((t) => months.some((m) => inForce(t, m.month)))
    .map((t) => t.ratio);
  const ratios = months.map((m) => chargebackRatio(m) ?? 0);
  const highest = Math.max(step, ...lines, ...ratios);
  return Math.ceil((highest * 1.1) / step - 1e-9) * step;
}

/** Short month label for an axis: `2026-04` is `Apr 26`. */
export function monthLabel(month: Month): string {
  const names = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const [y, m] = month.split('-');
  return `${names[Number(m) - 1] ?? m} ${y?.slice(2) ?? ''}`;
}
