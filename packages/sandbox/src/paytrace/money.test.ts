import { describe, expect, it } from 'vitest';
import { centsToJsonNumber, formatCents, parseAmountCents } from './money.js';

describe('PayTrace amounts', () => {
  it('parses decimal strings exactly', () => {
    expect(parseAmountCents('1.00')).toBe(100);
    expect(parseAmountCents('0.29')).toBe(29);
    expect(parseAmountCents('12.5')).toBe(1250);
    expect(parseAmountCents('7')).toBe(700);
  });

  it('parses JSON numbers through their decimal text', () => {
    expect(parseAmountCents(51.88)).toBe(5188);
    expect(parseAmountCents(0.1 + 0.2)).toBeUndefined();
  });

  it('refuses signs, exponents, three decimals and junk', () => {
    for (const bad of ['-1.00', '1e2', '1.001', '01.00', '.5', '1.', '1,000.00', '', null, true]) {
      expect(parseAmountCents(bad)).toBeUndefined();
    }
  });

  it('formats cents as decimal strings and numbers', () => {
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(11000)).toBe('110.00');
    expect(centsToJsonNumber(5188)).toBe(51.88);
  });
});
