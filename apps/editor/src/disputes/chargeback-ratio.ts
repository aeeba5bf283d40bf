/**
 * Reading the monthly chargeback ratio the runtime answers (disputes opened in a month / card
 * payments settled that month) against the lines it also answers: the acquirers' early-warning
 * band and the card schemes' limits, each in force from a month on. A ratio is a plain fraction
 * (`0.004` is 0.4 %), not money, so ordinary numbers are fine here.
 *
 * @module
 */
import type { RatioMonth, RatioThreshold } from './disputes-api';

/** Whether a threshold applies in a month (months compare as text: `YYYY-MM`). */
export function inForce(threshold: Pick<RatioThreshold, 'from'>, month: string): boolean {
  return threshold.from === null || month >= threshold.from;
}

/** Where a month's ratio stands against the thresholds in force that month. */
export type Standing = 'no-volume' | 'fine' | 'early-warning' | 'over-limit';

/**
 * Judges one month: at or over a card scheme's limit in force beats being inside the acquirers'
 * early-warning band; a month without settled payments has no ratio to judge.
 */
export function standing(month: RatioMonth, thresholds: RatioThreshold[]): Standing {
  const { ratio } = month;
  if (ratio === null) return 'no-volume';
  const live = thresholds.filter((t) => inForce(t, month.month) && ratio >= t.ratio);
  if (live.some((t) => t.kind === 'scheme')) return 'over-limit';
  if (live.some((t) => t.kind === 'acquirer')) return 'early-warning';
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
 * The top of the chart's scale: room for the highest ratio and every threshold in force in the
 * shown months, rounded up to a step of 0.25 % so the gridlines fall on readable values.
 */
export function scaleTop(months: RatioMonth[], thresholds: RatioThreshold[]): number {
  const step = 0.0025;
  const lines = thresholds
    .filter((t) => months.some((m) => inForce(t, m.month)))
    .map((t) => t.ratio);
  const ratios = months.map((m) => m.ratio ?? 0);
  const highest = Math.max(step, ...lines, ...ratios);
  return Math.ceil((highest * 1.1) / step - 1e-9) * step;
}

/** Short month label for an axis: `2026-04` is `Apr 26`. */
export function monthLabel(month: string): string {
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

/**
 * Gridlines from 0 to `top` on a round step (0.25 % up to 2 %, then 0.5 %, then 1 %), so the
 * axis reads 0.50 %, 0.75 %… rather than thirds of whatever the top happens to be.
 */
export function gridTicks(top: number): number[] {
  const step = top <= 0.02 ? 0.0025 : top <= 0.05 ? 0.005 : 0.01;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + 1e-9; i++) ticks.push(Number((i * step).toFixed(6)));
  return ticks;
}

/**
 * An axis label: the month's short name, and under it the year on the first month shown and on
 * every January, so twelve labels fit under the bars without repeating the year.
 */
export function axisLabel(month: string, index: number): { name: string; year: string | null } {
  const [y, m] = month.split('-');
  const name = monthLabel(month).split(' ')[0] ?? month;
  return { name, year: index === 0 || m === '01' ? (y ?? null) : null };
}
