/**
 * Amounts as QuickBooks Online carries them (JSON decimal numbers), added up exactly: parsed
 * from their decimal text into scaled integers, never summed as floats.
 * @module
 */
import { validation } from './fault.js';

const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

/** A decimal amount from a request, as an integer number of millionths. */
export function parseAmount(value: unknown, element: string): bigint {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) {
    throw validation(
      '2030',
      'Invalid or missing amount',
      `${element}: "${text}" is not an amount`,
      element,
    );
  }
  const units = BigInt(match[2]!) * FACTOR + BigInt((match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] ? -units : units;
}

/** Back to the JSON number the API answers with (shortest decimal text). */
export function amountJson(units: bigint): number {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return Number(`${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
}

/** Quantity times unit price, exactly (both decimals). */
export function multiply(qty: bigint, unitPrice: bigint): bigint {
  return (qty * unitPrice) / FACTOR;
}
