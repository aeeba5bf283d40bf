import { describe, expect, it } from 'vitest';
import { formatMinor } from './format-money';

describe('formatMinor', () => {
  it('shows minor units in the currency’s exponent, exactly', () => {
    expect(formatMinor(123456, 'USD')).toBe('$1,234.56');
    expect(formatMinor(5, 'USD')).toBe('$0.05');
    expect(formatMinor(1050, 'JPY')).toBe('¥1,050');
    expect(formatMinor(1234, 'KWD').replace(/\s/g, ' ')).toBe('KWD 1.234');
    expect(formatMinor(900719925474099, 'USD')).toBe('$9,007,199,254,740.99');
  });
});
