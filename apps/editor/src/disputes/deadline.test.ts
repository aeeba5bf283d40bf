import { describe, expect, it } from 'vitest';
import { daysLeft, deadlineNote, dueDay } from './deadline';

describe('evidence deadline', () => {
  it('counts whole calendar days to a date or an instant', () => {
    expect(daysLeft('2026-12-14', '2026-12-07')).toBe(7);
    expect(daysLeft('2026-12-01', '2026-12-07')).toBe(-6);
    // An instant is read as its day in the browser's time zone (noon UTC is that day from UTC-11 to UTC+11).
    expect(dueDay('2026-12-14T12:00:00.000Z')).toBe('2026-12-14');
    expect(daysLeft('2026-12-14T12:00:00.000Z', '2026-12-07')).toBe(7);
    // Across a daylight-saving change the count stays whole.
    expect(daysLeft('2026-11-02', '2026-10-30')).toBe(3);
  });

  it('says days left, due today, or overdue (urgent from 3 days)', () => {
    expect(deadlineNote('2026-12-14', true, '2026-12-07')).toEqual({
      text: '7 days left',
      days: 7,
      overdue: false,
      urgent: false,
    });
    expect(deadlineNote('2026-12-08', true, '2026-12-07')?.text).toBe('1 day left');
    expect(deadlineNote('2026-12-10', true, '2026-12-07')?.urgent).toBe(true);
    expect(deadlineNote('2026-12-07', true, '2026-12-07')).toMatchObject({
      text: 'due today',
      urgent: true,
      overdue: false,
    });
    expect(deadlineNote('2026-12-06', true, '2026-12-07')).toMatchObject({
      text: 'overdue by 1 day',
      overdue: true,
    });
  });

  it('says nothing once evidence is no longer awaited or without a due date', () => {
    expect(deadlineNote('2026-12-01', false, '2026-12-07')).toBeNull();
    expect(deadlineNote(null, true, '2026-12-07')).toBeNull();
  });
});
