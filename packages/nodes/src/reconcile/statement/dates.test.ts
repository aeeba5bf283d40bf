import { describe, expect, it } from 'vitest';
import { readDate } from './dates';

describe('readDate', () => {
  it.each([
    ['2026-01-31', '2026-01-31'],
    ['2026-01-31T23:10:00+01:00', '2026-01-31'],
    ['20260131', '2026-01-31'],
    ['20260131120000.000[-5:EST]', '2026-01-31'],
    ['01/31/2026', '2026-01-31'],
    ['1/5/26', '2026-01-05'],
    ['31.01.2026', '2026-01-31'],
    ['31 Jan 2026', '2026-01-31'],
    ['Jan 31, 2026', '2026-01-31'],
  ])('%s is %s', (text, date) => {
    expect(readDate(text)).toBe(date);
  });

  it('follows the day-month order of the bank', () => {
    expect(readDate('05/01/2026', 'DMY')).toBe('2026-01-05');
    expect(readDate('05/01/2026', 'MDY')).toBe('2026-05-01');
  });

  it('refuses dates that do not exist', () => {
    expect(readDate('02/30/2026')).toBeUndefined();
    expect(readDate('31/01/2026')).toBeUndefined();
    expect(readDate('Total')).toBeUndefined();
  });
});
