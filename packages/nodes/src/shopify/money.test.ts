import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromShopifyMoney, toMoneyInput, toShopifyDecimal } from './money';

describe('shopify money', () => {
  it.each([
    ['19.9', 'USD', 1990],
    ['199.00', 'USD', 19900],
    ['0.0', 'USD', 0],
    ['1000.0', 'JPY', 1000],
    ['1000', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
    ['0.5', 'BHD', 500],
    ['-3.5', 'USD', -350],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('reads %s %s as %i minor units', (amount, currencyCode, minor) => {
    expect(fromShopifyMoney({ amount, currencyCode })).toEqual({ minor, currency: currencyCode });
  });

  it.each([
    ['10.005', 'USD'],
    ['10.5', 'JPY'],
    ['1e3', 'USD'],
    ['', 'USD'],
    ['90071992547409.92', 'USD'],
    ['1.00', 'XYZ'],
  ])('refuses %s %s instead of rounding', (amount, currencyCode) => {
    expect(() => fromShopifyMoney({ amount, currencyCode })).toThrow(
      expect.objectContaining({ errorClass: 'permanent', code: 'SHOPIFY_MONEY_INVALID' }),
    );
  });

  it.each([
    [1050, 'USD', '10.50'],
    [5, 'USD', '0.05'],
    [1050, 'JPY', '1050'],
    [1234, 'KWD', '1.234'],
    [1, 'BHD', '0.001'],
  ])('writes %i %s as %s', (minor, currency, text) => {
    expect(toShopifyDecimal({ minor, currency })).toBe(text);
    expect(toMoneyInput({ minor, currency })).toEqual({ amount: text, currencyCode: currency });
  });

  it('refuses fractional minor units', () => {
    expect(() => toShopifyDecimal({ minor: 10.5, currency: 'USD' })).toThrow(/whole minor units/);
  });

  it('round-trips every safe amount in exponents 0, 2 and 3', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('JPY', 'USD', 'KWD', 'BHD', 'EUR'),
        (minor, currency) => {
          const amount = toShopifyDecimal({ minor, currency });
          expect(fromShopifyMoney({ amount, currencyCode: currency })).toEqual({ minor, currency });
          // Shopify trims trailing zeros ("10.5"); that reads back the same.
          const trimmed = amount.includes('.')
            ? amount.replace(/0+$/, '').replace(/\.$/, '.0')
            : amount;
          expect(fromShopifyMoney({ amount: trimmed, currencyCode: currency }).minor).toBe(minor);
        },
      ),
    );
  });
});
