import { describe, expect, it } from 'vitest';
import { benchSelection, numberList } from './selection';

describe('benchmark selection', () => {
  it('runs every case by default and only the named ones with --only', () => {
    expect([...benchSelection([])]).toEqual(['sync', 'profile', 'cold-start', 'core']);
    expect([...benchSelection(['--only', 'sync'])]).toEqual(['sync']);
    expect([...benchSelection(['--only=sync,cold-start'])]).toEqual(['sync', 'cold-start']);
  });

  it('refuses an unknown case, listing the ones there are', () => {
    expect(() => benchSelection(['--only', 'synk'])).toThrow(/unknown case "synk".*\n.*sync/s);
    expect(() => benchSelection(['--only', ''])).toThrow(/choose from/);
  });

  it('reads number lists such as BENCH_SYNC_CHAINS', () => {
    expect(numberList(undefined, [2, 10, 50])).toEqual([2, 10, 50]);
    expect(numberList('2, 50', [])).toEqual([2, 50]);
    expect(() => numberList('2,x', [])).toThrow(/positive numbers/);
  });
});
