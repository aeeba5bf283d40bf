import { describe, expect, it } from 'vitest';
import { describeVariance, formatVariance, varianceTone } from './variance';

describe('variance display', () => {
  it('shows zero as clean, without a sign', () => {
    expect(varianceTone(0)).toBe('clean');
    expect(formatVariance(0, 'USD')).toBe('0.00 USD');
    expect(describeVariance(0, 'USD')).toBe('no variance');
  });

  it('signs a difference and never rounds a cent away', () => {
    expect(formatVariance(1, 'USD')).toBe('+0.01 USD');
    expect(formatVariance(-1, 'USD')).toBe('\u22120.01 USD');
    expect(varianceTone(-1)).toBe('short');
    expect(varianceTone(1)).toBe('over');
  });

  it('uses the currency exponent and groups thousands', () => {
    expect(formatVariance(-123456789, 'USD')).toBe('\u22121,234,567.89 USD');
    expect(formatVariance(1500, 'KWD')).toBe('+1.500 KWD');
    expect(formatVariance(-1500, 'JPY')).toBe('\u22121,500 JPY');
  });

  it('says which way a variance goes in words', () => {
    expect(describeVariance(-1234, 'USD')).toBe('short by 12.34 USD');
    expect(describeVariance(500, 'USD')).toBe('over by 5.00 USD');
  });
});
