import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoney, parseAmount } from './money';

describe('formatAmount / formatMoney', () => {
  it('uses the currency exponent: JPY 0, USD 2, KWD 3', () => {
    expect(formatMoney(1234, 'JPY')).toBe('1,234 JPY');
    expect(formatMoney(1234, 'USD')).toBe('12.34 USD');
    expect(formatMoney(1234, 'KWD')).toBe('1.234 KWD');
  });

  it('pads small amounts, groups thousands and keeps the sign', () => {
    expect(formatAmount(5, 'USD')).toBe('0.05');
    expect(formatAmount(-5, 'KWD')).toBe('-0.005');
    expect(formatAmount(123456789, 'USD')).toBe('1,234,567.89');
    expect(formatAmount(-100000, 'JPY')).toBe('-100,000');
    expect(formatAmount(0, 'USD')).toBe('0.00');
  });

  it('is exact at the edge of safe integers, where a float would round', () => {
    expect(formatAmount(9007199254740991, 'USD')).toBe('90,071,992,547,409.91');
  });

  it('does not guess decimals for an unknown currency', () => {
    expect(formatAmount(1234, 'XXX')).toBe('1234 (minor units)');
  });
});

describe('parseAmount', () => {
  it('reads decimals into minor units without floats', () => {
    expect(parseAmount('0.1', 'USD')).toEqual({ ok: true, minor: 10 });
    expect(parseAmount('19.99', 'USD')).toEqual({ ok: true, minor: 1999 });
    expect(parseAmount('1,234.5', 'USD')).toEqual({ ok: true, minor: 123450 });
    expect(parseAmount('1.005', 'KWD')).toEqual({ ok: true, minor: 1005 });
    expect(parseAmount('500', 'JPY')).toEqual({ ok: true, minor: 500 });
    expect(parseAmount(' 7. ', 'USD')).toEqual({ ok: true, minor: 700 });
    expect(parseAmount('90071992547409.91', 'USD')).toEqual({ ok: true, minor: 9007199254740991 });
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(parseAmount('1.005', 'USD')).toEqual({
      ok: false,
      message: 'USD has at most 2 decimals',
    });
    expect(parseAmount('1.5', 'JPY')).toEqual({ ok: false, message: 'JPY has no decimals' });
    expect(parseAmount('1.500', 'USD')).toEqual({ ok: true, minor: 150 });
  });

  it('refuses negatives, a decimal comma, words and overflow with a reason', () => {
    expect(parseAmount('-1', 'USD')).toMatchObject({ ok: false, message: /negative/ });
    expect(parseAmount('12,5', 'USD')).toMatchObject({ ok: false, message: /dot for decimals/ });
    expect(parseAmount('abc', 'USD')).toMatchObject({ ok: false, message: /not an amount/ });
    expect(parseAmount('1e3', 'USD')).toMatchObject({ ok: false });
    expect(parseAmount('99999999999999999', 'USD')).toMatchObject({ ok: false, message: /large/ });
    expect(parseAmount('1', 'ZZZ')).toMatchObject({ ok: false, message: /not a currency/ });
  });
});
