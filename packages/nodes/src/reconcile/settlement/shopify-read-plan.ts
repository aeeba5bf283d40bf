/**
 * Which Shopify orders a reconciliation must read, given what earlier runs read completely.
 *
 * What was read is kept per UTC day of `processed_at` (the unit of the window's bounds) with the
 * time the last complete read of that day began (its watermark). A day never read completely is
 * read in full; a covered day only for orders whose `updated_at` is at or after its watermark
 * minus {@link SHOPIFY_CHANGE_MARGIN_MS}: Shopify's clock may differ from ours, and its search
 * index follows writes with a delay, so an order changed just before the last read may not have
 * been found by it. Pure.
 *
 * @module
 */
import { addDays } from './reconcile-range';
import type { ShopifyDayCoverage } from './settlement-store';

/** How far before the last complete read changed orders are read again. */
export const SHOPIFY_CHANGE_MARGIN_MS = 10 * 60_000;

/** Orders processed in `[fromIso, toIso)`, the days `days`. */
export interface ProcessedRange {
  fromIso: string;
  toIso: string;
  days: string[];
}

/** What to read. */
export interface ShopifyReadPlan {
  /** Every day of the window (all of them are covered after a complete read). */
  days: string[];
  /** Ranges read in full. */
  full: ProcessedRange[];
  /** Covered ranges, read for orders updated at or after `sinceIso`. */
  changed: (ProcessedRange & { sinceIso: string })[];
}

/** Every date from `first` to `last`, inclusive. */
export function daysFromTo(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

function rangeOf(days: string[]): ProcessedRange {
  return {
    fromIso: `${days[0]}T00:00:00Z`,
    toIso: `${addDays(days[days.length - 1]!, 1)}T00:00:00Z`,
    days,
  };
}

/**
 * The plan for the window's `days` (consecutive): runs of uncovered days in full, runs of
 * covered days since the oldest watermark of the run minus the margin. `force` reads all in full.
 */
export function planShopifyRead(input: {
  days: string[];
  covered: readonly ShopifyDayCoverage[];
  force: boolean;
  marginMs?: number;
}): ShopifyReadPlan {
  const margin = input.marginMs ?? SHOPIFY_CHANGE_MARGIN_MS;
  const readAt = new Map<string, number>();
  if (!input.force) {
    for (const c of input.covered) {
      const ms = Date.parse(c.readAt);
      if (!Number.isNaN(ms)) readAt.set(c.day, ms);
    }
  }
  const plan: ShopifyReadPlan = { days: input.days, full: [], changed: [] };
  let run: string[] = [];
  let runCovered = false;
  const close = () => {
    if (run.length === 0) return;
    if (runCovered) {
      const oldest = Math.min(...run.map((d) => readAt.get(d)!));
      plan.changed.push({ ...rangeOf(run), sinceIso: new Date(oldest - margin).toISOString() });
    } else {
      plan.full.push(rangeOf(run));
    }
    run = [];
  };
  for (const day of input.days) {
    const covered = readAt.has(day);
    if (run.length > 0 && covered !== runCovered) close();
    runCovered = covered;
    run.push(day);
  }
  close();
  return plan;
}
