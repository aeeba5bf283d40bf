/**
 * Amounts on the pay page: integer minor units shown in their currency's own format, converted
 * as text (never through a float), e.g. 123456 USD → `$1,234.56`, 1050 JPY → `¥1,050`.
 *
 * @module
 */

/** Formats minor units of `currency` for people (English formatting). */
export function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  // Intl formats decimal strings exactly (no float on the way).
  return format.format(`${negative ? '-' : ''}${whole}${fraction}` as unknown as number);
}
