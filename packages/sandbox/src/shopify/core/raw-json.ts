/**
 * JSON writing for REST-shaped bodies (webhooks, admin answers). Shopify writes resource ids as
 * bare JSON integers, and its ids can exceed `Number.MAX_SAFE_INTEGER`; `JSON.stringify` cannot
 * write such a number without rounding it, so ids travel as `RawInteger` (the digits as text) and
 * this serializer writes them unquoted, digit for digit.
 * @module
 */

/** An integer kept as its decimal digits, written to JSON as a bare number. */
export class RawInteger {
  /** Decimal digits, optionally signed, no leading zeros. */
  readonly digits: string;

  constructor(digits: string) {
    if (!/^-?(0|[1-9]\d*)$/.test(digits)) throw new Error(`not an integer: ${digits}`);
    this.digits = digits;
  }

  toString(): string {
    return this.digits;
  }
}

/** Wraps an id (digit string or bigint) so that it is written as a bare JSON integer. */
export function rawInt(value: string | bigint): RawInteger {
  return new RawInteger(String(value));
}

/** Like `rawInt`, but `null` stays `null` (for optional ids such as `customer_id`). */
export function rawIntOrNull(value: string | bigint | null | undefined): RawInteger | null {
  return value === null || value === undefined ? null : rawInt(value);
}

/**
 * Serializes a value the way `JSON.stringify` does (compact, `undefined` members skipped,
 * non-finite numbers as `null`), except that `RawInteger` values are written as bare digits.
 */
export function stringifyJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value instanceof RawInteger) return value.digits;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const parts: string[] = [];
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const text = write(member);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
