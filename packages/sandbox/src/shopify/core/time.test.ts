import { describe, expect, it } from 'vitest';
import { isoUtc, isoWithOffset, parseTimestamp } from './time.js';

describe('timestamps', () => {
  const at = Date.UTC(2025, 0, 1, 0, 0, 0, 750);

  it('writes GraphQL DateTime in UTC with whole seconds', () => {
    expect(isoUtc(at)).toBe('2025-01-01T00:00:00Z');
  });

  it('writes REST timestamps in the shop offset', () => {
    expect(isoWithOffset(at, -300)).toBe('2024-12-31T19:00:00-05:00');
    expect(isoWithOffset(at, 330)).toBe('2025-01-01T05:30:00+05:30');
    expect(isoWithOffset(at, 0)).toBe('2025-01-01T00:00:00+00:00');
  });

  it('reads ISO timestamps, offsets and bare dates', () => {
    expect(parseTimestamp('2025-01-01T00:00:00Z')).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('2024-12-31T19:00:00-05:00')).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('2025-01-01')).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });
});
