/**
 * Timestamps as Shopify writes them: GraphQL `DateTime` in UTC with second precision
 * (`2025-01-01T00:00:00Z`); REST and webhook bodies in the shop's UTC offset
 * (`2024-12-31T19:00:00-05:00`). Shopify keeps whole seconds, so the simulator truncates too,
 * which matters to `updated_at:>` filters.
 * @module
 */

/** Drops the milliseconds (Shopify timestamps have whole seconds). */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** GraphQL `DateTime`: UTC, whole seconds, `Z`. */
export function isoUtc(ms: number): string {
  return new Date(wholeSeconds(ms)).toISOString().replace('.000Z', 'Z');
}

/** REST timestamp in a fixed UTC offset, e.g. `2025-01-01T07:00:00-05:00`. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(wholeSeconds(ms) + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * Parses a timestamp given by a client (ISO 8601 with or without offset, or a bare date, read
 * in UTC). Returns epoch milliseconds or `undefined`.
 */
export function parseTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)
  ) {
    return undefined;
  }
  const normalized = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
    ? `${trimmed}T00:00:00Z`
    : /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)
      ? trimmed.replace(' ', 'T')
      : `${trimmed.replace(' ', 'T')}Z`;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}
