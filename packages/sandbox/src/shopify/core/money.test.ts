import { describe, expect, it } from 'vitest';
import {
  allocate,
  applyRate,
  formatDecimal,
  formatFixed,
  includedTax,
  parseMinor,
  parseRate,
  prorate,
} from './money.js';

describe('money', () => {
  it('parses decimal text and JSON numbers to minor units without floats', () => {
    expect(parseMinor('199.99', 'USD')).toBe(19999);
    expect(parseMinor(51.88, 'USD')).toBe(5188);
    expect(parseMinor('10.000', 'USD')).toBe(1000);
    expect(parseMinor('1500', 'JPY')).toBe(1500);
    expect(parseMinor('10.005', 'USD')).toBeUndefined();
    expect(parseMinor('1.5', 'JPY')).toBeUndefined();
    expect(parseMinor('-1.00', 'USD')).toBeUndefined();
    expect(parseMinor('1e3', 'USD')).toBeUndefined();
  });

  it('formats REST amounts with the currency digits', () => {
    expect(formatFixed(19900, 'USD')).toBe('199.00');
    expect(formatFixed(5, 'USD')).toBe('0.05');
    expect(formatFixed(1500, 'JPY')).toBe('1500');
  });

  it('formats GraphQL Decimals with trailing zeros dropped', () => {
    expect(formatDecimal(19900, 'USD', 'trimmed')).toBe('199.0');
    expect(formatDecimal(1150, 'USD', 'trimmed')).toBe('11.5');
    expect(formatDecimal(0, 'USD', 'trimmed')).toBe('0.0');
    expect(formatDecimal(1500, 'JPY', 'trimmed')).toBe('1500.0');
    expect(formatDecimal(1150, 'USD', 'fixed')).toBe('11.50');
  });

  it('applies tax rates exactly, rounding half up', () => {
    const rate = parseRate('0.0825');
    expect(rate).toBeDefined();
    expect(applyRate(10000, rate!)).toBe(825);
    expect(applyRate(1999, rate!)).toBe(165); // 164.9175
    expect(applyRate(200, parseRate('0.0025')!)).toBe(1); // 0.5 → 1
  });

  it('finds the tax inside tax-inclusive prices', () => {
    expect(includedTax(10825, parseRate('0.0825')!)).toBe(825);
    expect(includedTax(12000, parseRate('0.2')!)).toBe(2000);
  });

  it('prorates line values for partial refunds', () => {
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(prorate(1000, 3, 3)).toBe(1000);
  });

  it('allocates amounts so parts add up exactly', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(1000, [0, 0])).toEqual([500, 500]);
    expect(allocate(7, [3000, 1000]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});
