import { describe, expect, it } from 'vitest';
import { daysLeftText, deadlineNote } from './deadline';

describe('evidence deadline', () => {
  it('says days left, due today, or overdue, in whole days', () => {
    expect(daysLeftText(7)).toBe('7 days left');
    expect(daysLeftText(1)).toBe('1 day left');
    expect(daysLeftText(0)).toBe('due today');
    expect(daysLeftText(-1)).toBe('overdue by 1 day');
    expect(daysLeftText(-6)).toBe('overdue by 6 days');
  });

  it('marks an open case urgent from 3 days and overdue once past', () => {
    expect(deadlineNote({ status: 'open', daysLeft: 7 })).toEqual({
      text: '7 days left',
      overdue: false,
      urgent: false,
    });
    expect(deadlineNote({ status: 'open', daysLeft: 3 })?.urgent).toBe(true);
    expect(deadlineNote({ status: 'open', daysLeft: 0 })).toMatchObject({
      text: 'due today',
      urgent: true,
      overdue: false,
    });
    expect(deadlineNote({ status: 'open', daysLeft: -2 })).toMatchObject({
      text: 'overdue by 2 days',
      overdue: true,
    });
  });

  it('says nothing once evidence is no longer awaited or without a due date', () => {
    expect(deadlineNote({ status: 'evidence_submitted', daysLeft: -3 })).toBeNull();
    expect(deadlineNote({ status: 'won', daysLeft: 2 })).toBeNull();
    expect(deadlineNote({ status: 'open', daysLeft: null })).toBeNull();
  });
});
