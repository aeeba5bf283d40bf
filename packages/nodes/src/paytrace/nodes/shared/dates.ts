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

/** PayTrace's default when a connection names no time zone (see the connection's docs). */
export const DEFAULT_PAYTRACE_TIME_ZONE = 'UTC';

/** Whether `zone` is an IANA time zone this JavaScript runtime knows (`America/Chicago`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** Wall-clock fields of a local time. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

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

/** Minutes `zone` is ahead of UTC at instant `ms`. */
function offsetMinutes(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A wall-clock time in `zone` as ISO 8601 with that zone's offset at that moment
 * (`2025-04-10T16:06:30-07:00`). A time skipped by a daylight-saving change takes the offset in
 * force just after it.
 */
function wallClockToIso(wall: WallClock, zone: string): string {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let offset = offsetMinutes(asUtc, zone);
  const second = offsetMinutes(asUtc - offset * 60_000, zone);
  if (second !== offset) offset = Math.max(offset, second);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T` +
    `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
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
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return undefined;
    const local = new Date(ms + offsetMinutes(ms, zone) * 60_000);
    return wallClockToIso(
      {
        year: local.getUTCFullYear(),
        month: local.getUTCMonth() + 1,
        day: local.getUTCDate(),
        hour: local.getUTCHours(),
        minute: local.getUTCMinutes(),
        second: local.getUTCSeconds(),
      },
      zone,
    );
  }
  return undefined;
}
