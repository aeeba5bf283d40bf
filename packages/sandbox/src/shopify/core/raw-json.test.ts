import { describe, expect, it } from 'vitest';
import { rawInt, RawInteger, stringifyJson } from './raw-json.js';

describe('stringifyJson', () => {
  it('writes ids above 2^53 as bare integers, digit for digit', () => {
    const text = stringifyJson({ id: rawInt('9007199254740993123'), name: '#1001' });
    expect(text).toBe('{"id":9007199254740993123,"name":"#1001"}');
    expect(JSON.stringify({ id: Number('9007199254740993123') })).not.toContain('993123');
  });

  it('matches JSON.stringify for ordinary values', () => {
    const value = { a: [1, 'x', null, true], b: { c: undefined, d: 1.5 }, e: 'quote " and \\' };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('refuses anything but integer digits', () => {
    expect(() => new RawInteger('1.5')).toThrow();
    expect(() => new RawInteger('007')).toThrow();
  });
});
