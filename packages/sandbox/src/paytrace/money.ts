/**
 * Exact money handling for the simulator. PayTrace takes `amount` as dollars, either a string
 * (`"1.00"`) or a JSON number (`51.88`); the simulator keeps integer cents so that sums of captures
 * and refunds never drift, and it refuses anything that is not a plain decimal with at most two
 * fraction digits (no exponents, no signs, no thousands separators).
 * @module
 */

const DECIMAL = /^(0|[1-9]\d{0,9})(?:\.(\d{1,2}))?$/;

/**
 * Parses a PayTrace amount (string or number) to integer cents, or `undefined` when it is not a
 * strict non-negative decimal with at most two fraction digits. Numbers are read through their
 * shortest decimal text, so `51.88` is 5188 cents and `0.1 + 0.2` is refused.
 */
export function parseAmountCents(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/** Formats integer cents as PayTrace's decimal string (`1234` → `"12.34"`). */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  return `${whole}.${fraction}`;
}

/**
 * Cents as the JSON number PayTrace's exports use (`"amount": 110`): the number parsed from the
 * exact decimal text, so it serialises back to the same digits.
 */
export function centsToJsonNumber(cents: number): number {
  return Number(formatCents(cents));
}
