import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currencyExponent, isCurrencyCode } from './currencies';
import { fromDecimal, multiplyMinor, sumMinor, toDecimalString, toGroupedDecimal } from './money';

const CURRENCIES = ['JPY', 'USD', 'KWD'] as const;
const amount = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('currency exponents', () => {
  it('come from ISO 4217, not a constant', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD')]).toEqual([
      0, 2, 3,
    ]);
    expect(currencyExponent('CLF')).toBe(4);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(() => currencyExponent('XYZ')).toThrow(/unknown ISO 4217/);
  });
});

describe('decimal strings', () => {
  it('format exactly per exponent', () => {
    expect(toDecimalString(1234, 'JPY')).toBe('1234');
    expect(toDecimalString(1234, 'USD')).toBe('12.34');
    expect(toDecimalString(1234, 'KWD')).toBe('1.234');
    expect(toDecimalString(-5, 'KWD')).toBe('-0.005');
    expect(toDecimalString(7, 'USD')).toBe('0.07');
  });

  it('group thousands for people, keeping sign and exponent', () => {
    expect(toGroupedDecimal(123456789, 'USD')).toBe('1,234,567.89');
    expect(toGroupedDecimal(-100000, 'JPY')).toBe('-100,000');
    expect(toGroupedDecimal(-5, 'KWD')).toBe('-0.005');
    expect(toGroupedDecimal(99999, 'USD')).toBe('999.99');
  });

  it('minor -> decimal -> minor is the identity for exponents 0, 2 and 3', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(...CURRENCIES), (minor, currency) => {
        expect(fromDecimal(toDecimalString(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it('parses JSON numbers as their decimal text, never through float arithmetic', () => {
    expect(fromDecimal(80.55, 'USD')).toBe(8055);
    expect(fromDecimal(19.9, 'USD')).toBe(1990);
    expect(fromDecimal('12.340', 'USD')).toBe(1234);
  });

  it('refuses digits the currency does not have instead of rounding', () => {
    expect(() => fromDecimal('12.345', 'USD')).toThrow(/more than 2 decimals/);
    expect(() => fromDecimal('1.5', 'JPY')).toThrow(/more than 0 decimals/);
    expect(() => fromDecimal('1e3', 'USD')).toThrow(/not a decimal/);
  });
});

describe('sums', () => {
  it('are exact and refuse to overflow', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 })), (values) => {
        const expected = values.reduce((a, b) => BigInt(a) + BigInt(b), 0n);
        expect(BigInt(sumMinor(values))).toBe(expected);
      }),
    );
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/2\^53/);
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(/2\^53/);
  });
});
