/**
 * Money as the product handles it: integer minor units plus an ISO 4217 currency, never a float.
 * The number of minor digits comes from the platform's ISO 4217 data (Intl): 2 for USD, 0 for
 * JPY, 3 for KWD.
 *
 * @module
 */

const digitsCache = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 currency; 2 when the code is unknown to the platform. */
export function minorDigits(currency: string | null | undefined): number {
  const code = currency?.toUpperCase() ?? '';
  if (!/^[A-Z]{3}$/.test(code)) return 2;
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: code,
      }).resolvedOptions().maximumFractionDigits!;
    } catch {
      digits = 2;
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/**
 * A decimal money string ("1240.50", as Shopify sends totals) to integer minor units of
 * `currency` (two digits when no currency is given), by string arithmetic: no float on the way.
 */
export function toMinor(price: string, currency?: string | null): number {
  const digits = minorDigits(currency);
  const [whole = '0', frac = ''] = price.trim().split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  const minor = digits === 0 ? 0 : Number((frac + '0'.repeat(digits)).slice(0, digits));
  return sign * (Math.abs(Number(whole)) * 10 ** digits + minor);
}

/** "USD 1,240.00" from 124000 minor units: the code first, grouped, the currency's own digits. */
export function formatMoney(minor: number, currency: string | null | undefined): string {
  const code = currency && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : null;
  const digits = minorDigits(code);
  const base = 10 ** digits;
  const abs = Math.abs(Math.trunc(minor));
  const frac = abs % base;
  const whole = String((abs - frac) / base).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${minor < 0 ? '-' : ''}${whole}${digits ? `.${String(frac).padStart(digits, '0')}` : ''}`;
  return code ? `${code} ${amount}` : `${amount} (currency not given)`;
}
