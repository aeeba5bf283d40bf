/**
 * Reads `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds
 * from `now`, or `undefined` when absent or unreadable; a date in the past means "now" (0). The
 * engine treats the value as a floor under its own backoff, so honouring it never retries sooner.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse also accepts loose formats; requiring a weekday-comma or GMT keeps it to HTTP-dates.
  if (!/GMT$|^[A-Za-z]{3,9},/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
