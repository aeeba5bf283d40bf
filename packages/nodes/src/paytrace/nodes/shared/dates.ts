/**
 * Report date ranges: ISO dates in node config (`2025-01-31`, what JSONata and people write),
 * PayTrace's `MM/DD/YYYY` on the wire. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

/** A calendar date `YYYY-MM-DD`. */
export function isoDateField(title: string) {
  return z.iso.date().meta({ title, placeholder: '2025-01-31' });
}

/** `2025-01-31` → `01/31/2025`. */
export function toUsDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}

/** The issue for a range whose end lies before its start, if any. */
export function checkDateRange(
  range: { startDate: string; endDate: string },
  issues: z.core.$RefinementCtx,
): void {
  if (range.endDate < range.startDate) {
    issues.addIssue({ code: 'custom', path: ['endDate'], message: 'ends before it starts' });
  }
}
