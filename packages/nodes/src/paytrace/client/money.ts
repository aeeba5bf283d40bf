/**
 * Exact conversion between Paybridge money (integer minor units + ISO currency) and PayTrace's
 * decimal dollars. PayTrace has no currency field: every amount is USD with two decimals, so any
 * other currency is refused rather than sent as if it were dollars. No floating-point arithmetic
 * touches an amount: answers are read from their decimal text.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';

/** An amount as flows carry it: integer minor units (cents) and an ISO 4217 code. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

/** The only currency PayTrace takes. */
export const PAYTRACE_CURRENCY = 'USD';

/** Refuses any currency but USD, before anything is sent. */
export function assertPaytraceCurrency(currency: string): void {
  if (currency !== PAYTRACE_CURRENCY) {
    throw new PermanentError(
      'CURRENCY_UNSUPPORTED',
      `PayTrace processes USD only; this amount is in ${JSON.stringify(currency)}`,
    );
  }
}

/**
 * Integer minor units to PayTrace's decimal string: `1050` → `"10.50"`. Throws a PermanentError
 * for other currencies, negative amounts and anything that is not a safe integer.
 *
 * @example
 * toPaytraceAmount({ minor: 123456789012, currency: 'USD' }); // "1234567890.12"
 */
export function toPaytraceAmount(money: Money): string {
  assertPaytraceCurrency(money.currency);
  const { minor } = money;
  if (!Number.isSafeInteger(minor)) {
    throw new PermanentError('AMOUNT_INVALID', `An amount is whole minor units, got ${minor}`);
  }
  if (minor < 0) {
    throw new PermanentError('AMOUNT_INVALID', `An amount cannot be negative, got ${minor}`);
  }
  const whole = Math.floor(minor / 100);
  const cents = minor % 100;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

const DECIMAL = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * A PayTrace amount (`110`, `51.88`, `"8.10"`, `"-3.5"`) to integer minor units, or `undefined`
 * when it is not a plain decimal with at most two fraction digits. JSON numbers are read through
 * their shortest round-trip text, which is the text PayTrace sent for any amount it can express
 * (`8.1` → 810); a value that needed more digits (`0.30000000000000004`) is refused, not rounded.
 */
export function parsePaytraceAmount(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** A PayTrace amount as Paybridge money (USD), or `null` when absent or unreadable. */
export function paytraceMoney(value: unknown): Money | null {
  const minor = parsePaytraceAmount(value);
  return minor === undefined ? null : { minor, currency: PAYTRACE_CURRENCY };
}
