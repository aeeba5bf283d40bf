import { describe, expect, it } from 'vitest';
import { rangeDays } from './reconcile-range-dialog';

describe('rangeDays', () => {
  it('counts both ends, across months and a leap day', () => {
    expect(rangeDays('2026-03-02', '2026-03-02')).toBe(1);
    expect(rangeDays('2028-02-28', '2028-03-01')).toBe(3);
  });

  it('is null for a missing end or a reversed range', () => {
    expect(rangeDays('2026-03-02', undefined)).toBeNull();
    expect(rangeDays('2026-03-03', '2026-03-02')).toBeNull();
  });
});
