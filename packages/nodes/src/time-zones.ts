/**
 * Time zones by IANA name (`America/Chicago`), on the JavaScript runtime's own zone data (Intl),
 * for the places where a zone-less time must be pinned to a zone or an instant must become a
 * calendar day: PayTrace's local report times, the ledger's booking dates. Browser-safe.
 *
 * @module
 */

/** Whether `zone` is an IANA time zone this JavaScript runtime knows (`America/Chicago`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of a local time. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at instant `ms` (whole seconds). */
export function instantToWallClock(ms: number, zone: string): WallClock {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

const asUtcMs = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Minutes `zone` is ahead of UTC at instant `ms`. */
function offsetMinutes(ms: number, zone: string): number {
  return Math.round(
    (asUtcMs(instantToWallClock(ms, zone)) - Math.floor(ms / 1000) * 1000) / 60_000,
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `wall` written as ISO 8601 with an offset of `offset` minutes. */
function formatIso(wall: WallClock, offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T` +
    `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * A wall-clock time in `zone` as ISO 8601 with that zone's offset at that moment
 * (`2025-04-10T16:06:30-07:00`). A time skipped by a daylight-saving change takes the offset in
 * force just after it.
 */
export function wallClockToIso(wall: WallClock, zone: string): string {
  const guess = asUtcMs(wall);
  let offset = offsetMinutes(guess, zone);
  const second = offsetMinutes(guess - offset * 60_000, zone);
  if (second !== offset) offset = Math.max(offset, second);
  return formatIso(wall, offset);
}

/**
 * Instant `ms` as ISO 8601 in `zone`'s offset at that moment, to the second
 * (`2025-09-01T10:00:00-04:00`): how Shopify's webhooks and PayTrace's local reports write times.
 */
export function instantToIso(ms: number, zone: string): string {
  return formatIso(instantToWallClock(ms, zone), offsetMinutes(ms, zone));
}

/** ISO 8601 date and time with an explicit offset or `Z` (`2025-06-01T22:30:00-04:00`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The instant of an ISO 8601 date-time with offset, or undefined for anything else. */
export function parseInstant(text: string): number | undefined {
  if (!ISO_INSTANT.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The calendar date (`YYYY-MM-DD`) in `zone` at instant `ms`. */
export function calendarDateIn(ms: number, zone: string): string {
  const w = instantToWallClock(ms, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
