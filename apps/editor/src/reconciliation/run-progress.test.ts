import { describe, expect, it } from 'vitest';
import { progressPercent } from './run-progress';

describe('progressPercent', () => {
  it('fills with the share done and never claims 100 before the end', () => {
    expect(progressPercent({ status: 'running', total: 2000, done: 1999 })).toBe(99);
    expect(progressPercent({ status: 'running', total: 2000, done: 500 })).toBe(25);
  });

  it('is empty before anything is counted and full once the run succeeded', () => {
    expect(progressPercent({ status: 'queued', total: 0, done: 0 })).toBe(0);
    expect(progressPercent({ status: 'succeeded', total: 0, done: 0 })).toBe(100);
  });
});
