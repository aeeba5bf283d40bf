/** The hour of day (0-23) of an instant in a time zone, with the platform's IANA database. */
export function localHour(instant: string, timeZone: string): number | null {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return null;
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(at)
    .find((p) => p.type === 'hour')?.value;
  return hour === undefined ? null : Number(hour);
}
