/**
 * Money as the ledger page shows and reads it. The API carries integer minor units and an ISO 4217
 * code; turning them into text (and typed text back into minor units) goes through the shared
 * digit-by-digit conversions of `@paybridge/nodes/erp`, so no amount ever passes through a float
 * and the exponent (JPY 0, USD 2, KWD 3) is the same one the runtime uses.
 *
 * @module
 */
import {
  currencyExponent,
  fromDecimal,
  isCurrencyCode,
  toGroupedDecimal,
} from '@paybridge/nodes/erp';

/**
 * An amount in the currency's exponent with thousands separators and no code, for table columns
 * that already name the currency: `formatAmount(123456, 'USD')` is `"1,234.56"`. An unknown code
 * shows the raw minor units rather than guessing two decimals.
 */
export function formatAmount(minor: number, currency: string): string {
  if (!isCurrencyCode(currency) || !Number.isSafeInteger(minor)) return `${minor} (minor units)`;
  return toGroupedDecimal(minor, currency);
}

/** An amount with its currency code: `formatMoney(1500, 'KWD')` is `"1.500 KWD"`. */
export function formatMoney(minor: number, currency: string): string {
  return `${formatAmount(minor, currency)} ${currency}`;
}

/** The outcome of reading a typed amount: minor units, or a sentence saying what is wrong. */
export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Reads an amount a person typed (`"12.5"`, `"1,234.56"`) into minor units of `currency`,
 * exactly. Negative amounts, more decimals than the currency has, and a comma used as a decimal
 * mark (`"12,5"`) are refused with a reason instead of being rounded or misread.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const trimmed = text.trim();
  if (!isCurrencyCode(currency)) return { ok: false, message: `"${currency}" is not a currency` };
  if (trimmed.startsWith('-')) return { ok: false, message: 'must not be negative' };
  if (trimmed.includes(',') && !GROUPED.test(trimmed)) {
    return { ok: false, message: `"${trimmed}" is not an amount (use a dot for decimals)` };
  }
  const plain = trimmed.replaceAll(',', '').replace(/\.$/, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return { ok: false, message: `"${trimmed}" is not an amount` };
  try {
    return { ok: true, minor: fromDecimal(plain, currency) };
  } catch (err) {
    const exponent = currencyExponent(currency);
    if (/decimals/.test((err as Error).message)) {
      return {
        ok: false,
        message:
          exponent === 0
            ? `${currency} has no decimals`
            : `${currency} has at most ${exponent} decimals`,
      };
    }
    return { ok: false, message: `"${trimmed}" is too large` };
  }
}
