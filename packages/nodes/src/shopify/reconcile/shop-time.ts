/**
 * Timestamps as webhooks write them: ISO 8601 in the shop's UTC offset
 * (`2025-09-01T10:00:00-04:00`), where GraphQL answers in UTC. A recovered event must read like
 * its webhook, and flows take calendar dates from these strings (`$substring(created_at, 0, 10)`),
 * so a UTC time would date an evening refund a day late.
 *
 * @module
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/**
 * `iso` in the IANA `zone`'s offset at that instant, to the second; unchanged when the zone is
 * unknown to this runtime or the text is not a time.
 */
export function inShopZone(iso: string | null, zone: string | null): string | null {
  if (iso === null || zone === null) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const instant = Math.floor(ms / 1000) * 1000;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatFor(zone).formatToParts(new Date(instant));
  } catch {
    return iso;
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  const offset = Math.round((local - instant) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(local).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
