import { describe, expect, it } from 'vitest';
import { readAmount } from './amount-text';

describe('readAmount', () => {
  it.each([
    ['1,234.56', 123456],
    ['-12.00', -1200],
    ['(12.00)', -1200],
    ['12.00-', -1200],
    ['$1,234.56', 123456],
    ['-$5.10', -510],
    ['USD 5.1', 510],
    ['+0.07', 7],
    ['12.00 DR', -1200],
    ['12.00 CR', 1200],
    ['1.234,56', 123456],
    ['12,5', 1250],
    ['1,234', 123400],
    ["1'234.50", 123450],
  ])('%s is %i minor units', (text, minor) => {
    expect(readAmount(text, 'USD')).toEqual({ minor });
  });

  it('follows an explicit decimal comma', () => {
    expect(readAmount('1,23', 'EUR', ',')).toEqual({ minor: 123 });
    expect(readAmount('1,234', 'EUR', ',')).toMatchObject({
      error: expect.stringMatching(/more than 2 decimals/),
    });
    expect(readAmount('1.234,56', 'EUR', ',')).toEqual({ minor: 123456 });
  });

  it('reads yen without decimals and refuses more decimals than the currency has', () => {
    expect(readAmount('1,050', 'JPY')).toEqual({ minor: 1050 });
    expect(readAmount('10.005', 'USD')).toEqual({
      error: '"10.005" has more than 2 decimals for USD',
    });
  });

  it('refuses text that is not an amount', () => {
    expect(readAmount('n/a', 'USD')).toEqual({ error: '"n/a" is not an amount' });
    expect(readAmount('', 'USD')).toEqual({ error: '"" is not an amount' });
  });
});
