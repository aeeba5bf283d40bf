/**
 * Exact money arithmetic on integer minor units. Amounts are JS numbers restricted to safe
 * integers (JSON carries them through flows unchanged); every sum is checked so an overflow fails
 * loudly instead of rounding. Decimal strings exist only at the edges (an ERP that takes `12.34`),
 * and the conversion is done on digits, never through a float.
 *
 * @module
 */
import { currencyExponent } from './currencies';

/** Adds minor-unit amounts, refusing to leave the safe-integer range. */
export function sumMinor(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`${amount} is not an integer amount`);
    total += amount;
    if (!Number.isSafeInteger(total)) throw new RangeError('amount total exceeds 2^53 - 1');
  }
  return total;
}

/** Multiplies a minor-unit price by an integer quantity, exactly. */
export function multiplyMinor(unitAmount: number, quantity: number): number {
  const product = unitAmount * quantity;
  if (!Number.isSafeInteger(product)) throw new RangeError('line amount exceeds 2^53 - 1');
  return product;
}

/**
 * Formats minor units as a plain decimal string in the currency's exponent:
 * `toDecimalString(1234, 'USD')` is `"12.34"`, `(1234, 'JPY')` is `"1234"`, `(-5, 'KWD')` is
 * `"-0.005"`.
 */
export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an integer amount`);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Minor units as people read them in reports and tables: the currency's exponent and thousands
 * separators, `toGroupedDecimal(123456789, 'USD')` is `"1,234,567.89"`. One helper for the
 * editor's tables and the runtime's printed reports, so both show the same figure.
 */
export function toGroupedDecimal(minor: number, currency: string): string {
  const [whole = '', fraction] = toDecimalString(minor, currency).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal amount (a string, or a number as an API's JSON gives it) into minor units.
 * Digits beyond the currency's exponent must be zeros: `"12.345"` in USD is refused rather than
 * rounded, because a rounding rule belongs to the caller, not to a parser.
 */
export function fromDecimal(value: string | number, currency: string): number {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal amount`);
  const exponent = currencyExponent(currency);
  const fraction = match[3] ?? '';
  if (/[1-9]/.test(fraction.slice(exponent))) {
    throw new RangeError(`"${text}" has more than ${exponent} decimals for ${currency}`);
  }
  const minor = Number(`${match[2]}${fraction.slice(0, exponent).padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" exceeds 2^53 - 1 minor units`);
  return match[1] ? -minor : minor;
}

/** A JSON number's shortest decimal text without exponent notation (`1e-7` is refused). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not an amount`);
  const text = String(value);
  if (/e/i.test(text)) throw new RangeError(`${text} is not a plain decimal amount`);
  return text;
}
