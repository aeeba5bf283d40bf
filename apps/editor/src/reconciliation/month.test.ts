import { describe, expect, it } from 'vitest';
import { calendarWeeks, monthFromSearch, monthLabel, monthRange, shiftMonth } from './month';

const NOW = new Date('2026-03-15T23:30:00Z');

describe('the month in the URL', () => {
  it('reads ?month, else the open day, else today', () => {
    expect(monthFromSearch('?month=2025-12', undefined, NOW)).toBe('2025-12');
    expect(monthFromSearch('', '2026-01-31', NOW)).toBe('2026-01');
    expect(monthFromSearch('?month=2026-13', undefined, NOW)).toBe('2026-03');
    expect(monthFromSearch('?month=nope', 'also-nope', NOW)).toBe('2026-03');
  });

  it('knows month lengths, leap years included, and moves across years', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthLabel('2026-03')).toBe('March 2026');
  });

  it('lays out weeks Monday to Sunday with blanks outside the month', () => {
    const weeks = calendarWeeks('2026-03'); // 1 March 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks.at(-1)).toEqual(['2026-03-30', '2026-03-31', null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });
});
