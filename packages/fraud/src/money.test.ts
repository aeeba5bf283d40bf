import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, toMinor } from './money';

describe('money', () => {
  it('reads Shopify money strings into integer minor units of the currency, without floats', () => {
    expect(toMinor('1240.00', 'USD')).toBe(124000);
    expect(toMinor('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(toMinor('1240', 'JPY')).toBe(1240);
    expect(toMinor('12.345', 'KWD')).toBe(12345);
    expect(toMinor('-3.5')).toBe(-350);
  });

  it('shows minor units with the ISO 4217 code, grouped, in the currency’s own digits', () => {
    expect(formatMoney(124000, 'USD')).toBe('USD 1,240.00');
    expect(formatMoney(5, 'EUR')).toBe('EUR 0.05');
    expect(formatMoney(123456789, 'JPY')).toBe('JPY 123,456,789');
    expect(formatMoney(12345, 'KWD')).toBe('KWD 12.345');
    expect(formatMoney(-2500, 'usd')).toBe('USD -25.00');
    expect(formatMoney(124000, null)).toBe('1,240.00 (currency not given)');
    expect(minorDigits('ZZZ')).toBe(2);
  });
});
