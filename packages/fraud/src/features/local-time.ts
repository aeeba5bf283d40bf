const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The hour of day (0-23) of an instant in a time zone, with the platform's IANA database. The
 * formatter is built once per time zone: building one costs far more than scoring an order.
 */
export function localHour(instant: string, timeZone: string): number | null {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return null;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const hour = format.formatToParts(at).find((p) => p.type === 'hour')?.value;
  return hour === undefined ? null : Number(hour);
}
