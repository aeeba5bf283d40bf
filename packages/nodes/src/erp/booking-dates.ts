/**
 * The ledger's one time zone. Accounting documents carry calendar dates, but what flows have are
 * instants: Shopify's `created_at` in the shop's offset, `$now()` in UTC, PayTrace batch times in
 * the merchant's zone. Taking the first ten characters of each booked an invoice on the shop's
 * day and its payment on UTC's, so an evening order's invoice and payment fell on different
 * days. Every document date given as an instant is booked on its calendar day in the ledger's
 * declared zone instead; a plain `YYYY-MM-DD` is taken as already meant.
 *
 * @module
 */
import { calendarDateIn, parseInstant } from '../time-zones';

/** The ledger's zone when the runtime declares none (`PAYBRIDGE_LEDGER_TIME_ZONE`). */
export const DEFAULT_LEDGER_TIME_ZONE = 'UTC';

/** Document fields that hold calendar dates. */
const DATE_FIELDS = ['date', 'dueDate', 'evidenceDueBy'] as const;

/**
 * A mapped document with each date field given as an ISO 8601 instant (with offset or `Z`)
 * turned into its calendar date in `zone`; everything else unchanged.
 */
export function bookingDates(mapped: unknown, zone: string): unknown {
  if (mapped === null || typeof mapped !== 'object' || Array.isArray(mapped)) return mapped;
  const out: Record<string, unknown> = { ...(mapped as Record<string, unknown>) };
  for (const field of DATE_FIELDS) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    const ms = parseInstant(value.trim());
    if (ms !== undefined) out[field] = calendarDateIn(ms, zone);
  }
  return out;
}
