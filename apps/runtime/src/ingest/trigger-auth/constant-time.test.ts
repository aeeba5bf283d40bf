import { describe, expect, it } from 'vitest';
import { safeEqual, safeEqualAny } from './constant-time';

describe('safeEqual', () => {
  it('is true only for identical values, strings or bytes', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual(Buffer.from('abc'), 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
  });

  it('never throws on a length mismatch, however large', () => {
    expect(safeEqual('', 'a'.repeat(44))).toBe(false);
    expect(safeEqual('a'.repeat(10_000), 'a')).toBe(false);
  });

  it('finds a match among several candidates, in any position', () => {
    expect(safeEqualAny('new', ['old', 'new'])).toBe(true);
    expect(safeEqualAny('old', ['old', 'new'])).toBe(true);
    expect(safeEqualAny('other', ['old', 'new'])).toBe(false);
    expect(safeEqualAny('x', [])).toBe(false);
  });
});
