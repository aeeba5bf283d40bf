/**
 * PayTrace's dates and times. Report date ranges: ISO dates in node config (`2025-01-31`, what
 * JSONata and people write), PayTrace's `MM/DD/YYYY` on the wire. Report times: PayTrace's
 * zone-less local `4/10/2015 4:06:30 PM` read in the account's time zone and given as ISO 8601
 * with its offset. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import {
  instantToWallClock,
  parseInstant,
  wallClockToIso,
  type WallClock,
} from '../../../time-zones';

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

/** PayTrace's default when a connection names no time zone (see the connection's docs). */
export const DEFAULT_PAYTRACE_TIME_ZONE = 'UTC';

const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** Reads PayTrace's US-style local time (`4/10/2015 4:06:30 PM`, or 24-hour, or a date alone). */
function parseUsDateTime(text: string): WallClock | null {
  const m = US_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, mo, d, y, h = '0', mi = '0', s = '0', half] = m;
  let hour = Number(h);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  }
  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour,
    minute: Number(mi),
    second: Number(s),
  };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, hour, wall.minute));
  const valid =
    check.getUTCMonth() === wall.month - 1 &&
    check.getUTCDate() === wall.day &&
    hour < 24 &&
    wall.minute < 60 &&
    wall.second < 60;
  return valid ? wall : null;
}

/**
 * A PayTrace timestamp as ISO 8601 with the offset of the merchant's time zone. PayTrace writes
 * times as US-style strings in the account's local time without saying which zone
 * (`4/10/2015 4:06:30 PM`); the connection's time zone says it. A time already in ISO 8601 with
 * an offset is moved to that zone. Returns null for an empty value and `undefined` for a text
 * that is neither, so the caller can say which field was unreadable.
 */
export function paytraceTimeToIso(text: string | null, zone: string): string | null | undefined {
  const value = (text ?? '').trim();
  if (value === '') return null;
  const wall = parseUsDateTime(value);
  if (wall) return wallClockToIso(wall, zone);
  const ms = parseInstant(value);
  if (ms !== undefined) return wallClockToIso(instantToWallClock(ms, zone), zone);
  return undefined;
}
