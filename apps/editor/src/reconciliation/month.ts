/**
 * The month the Reconciliation page shows, kept in the URL (`?month=2026-03`) so a view can be
 * linked and reloaded, and the calendar grid of that month. Dates are calendar dates
 * (`YYYY-MM-DD`, the merchant's business days); no time zone is involved, so all arithmetic is
 * done in UTC where no daylight-saving shift can move a day.
 *
 * @module
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month as `YYYY-MM`. */
export type Month = string;

/** The month of a calendar date or of `now`'s UTC date. */
export function monthOf(date: string | Date): Month {
  const iso = typeof date === 'string' ? date : date.toISOString();
  return iso.slice(0, 7);
}

/** The month in the query string, else the one of `selected` (an open day), else `now`'s. */
export function monthFromSearch(search: string, selected: string | undefined, now: Date): Month {
  const m = new URLSearchParams(search).get('month') ?? '';
  if (MONTH.test(m)) return m;
  if (selected && /^\d{4}-\d{2}-\d{2}$/.test(selected)) return monthOf(selected);
  return monthOf(now);
}

function utc(month: Month, day: number): Date {
  const [, y, m] = MONTH.exec(month)!;
  return new Date(Date.UTC(Number(y), Number(m) - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first and last day of a month, inclusive. */
export function monthRange(month: Month): { from: string; to: string } {
  return { from: iso(utc(month, 1)), to: iso(utc(month, daysIn(month))) };
}

function daysIn(month: Month): number {
  const next = utc(month, 1);
  next.setUTCMonth(next.getUTCMonth() + 1, 0);
  return next.getUTCDate();
}

/** The month `delta` months after (or before) `month`. */
export function shiftMonth(month: Month, delta: number): Month {
  const d = utc(month, 1);
  d.setUTCMonth(d.getUTCMonth() + delta);
  return monthOf(d);
}

/** "March 2026", for headings. */
export function monthLabel(month: Month): string {
  return utc(month, 1).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The calendar of a month as weeks from Monday to Sunday; days outside the month are null so
 * the grid keeps its columns.
 */
export function calendarWeeks(month: Month): (string | null)[][] {
  const first = utc(month, 1);
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysIn(month); day++) cells.push(iso(utc(month, day)));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
