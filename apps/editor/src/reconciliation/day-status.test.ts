import { describe, expect, it } from 'vitest';
import { dayStatus, dayStatusLabel } from './day-status';

describe('day status', () => {
  it('is running while a reconciliation works on the day, whatever it found so far', () => {
    expect(dayStatus({ openItems: 4, running: true })).toBe('running');
  });

  it('is clean only when nothing is left open', () => {
    expect(dayStatus({ openItems: 0 })).toBe('clean');
    expect(dayStatus({ openItems: 1 })).toBe('variances');
    expect(dayStatus(undefined)).toBe('none');
  });

  it('counts open items in words', () => {
    expect(dayStatusLabel('variances', 1)).toBe('1 open item');
    expect(dayStatusLabel('variances', 12)).toBe('12 open items');
    expect(dayStatusLabel('none', 0)).toBe('Not reconciled');
  });
});
