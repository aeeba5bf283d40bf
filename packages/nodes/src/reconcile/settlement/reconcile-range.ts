/**
 * Which days a settlement reconciliation covers: the range an on-demand run names (the API
 * starts the flow with `{ reconciliation: { runId, from, to } }`), else the node's configured
 * day or range, else the day before the run (or the schedule fire) in the merchant's time zone.
 *
 * @module
 */
import { calendarDateIn } from '../../time-zones';

const DAY_MS = 86_400_000;
/** The longest range one run reconciles. */
export const MAX_RANGE_DAYS = 366;

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) out.push(d);
  return out;
}

/** An on-demand run's request found in the trigger's payload, if any. */
export interface OnDemand {
  runId: string;
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `{ reconciliation: { runId, from, to } }` from a trigger payload. */
export function onDemandOf(trigger: unknown): OnDemand | null {
  const r = (trigger as { reconciliation?: unknown } | null)?.reconciliation;
  if (!r || typeof r !== 'object') return null;
  const { runId, from, to } = r as Record<string, unknown>;
  if (typeof runId !== 'string' || !UUID.test(runId)) return null;
  if (typeof from !== 'string' || !DATE.test(from)) return null;
  if (typeof to !== 'string' || !DATE.test(to) || to < from) return null;
  return { runId, from, to };
}

/** The range to reconcile (see the module comment). */
export function rangeOf(input: {
  onDemand: OnDemand | null;
  date: string;
  dateTo: string;
  timeZone: string;
  /** The schedule fire's time, else the run's clock. */
  at: number;
}): { from: string; to: string } {
  if (input.onDemand) return { from: input.onDemand.from, to: input.onDemand.to };
  if (input.date !== '') {
    const to = input.dateTo !== '' && input.dateTo >= input.date ? input.dateTo : input.date;
    return { from: input.date, to };
  }
  const yesterday = addDays(calendarDateIn(input.at, input.timeZone), -1);
  return { from: yesterday, to: yesterday };
}
