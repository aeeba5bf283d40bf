import { describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER, SecretScrubber } from './scrub-secrets';

function scrubber(...secrets: string[]) {
  const s = new SecretScrubber();
  s.add(secrets);
  return s;
}

describe('SecretScrubber', () => {
  it('replaces exact occurrences, also inside longer strings', () => {
    const s = scrubber('sk_live_123');
    expect(s.text('key=sk_live_123; again sk_live_123!')).toBe(
      `key=${SECRET_PLACEHOLDER}; again ${SECRET_PLACEHOLDER}!`,
    );
    expect(s.text('sk_live_12')).toBe('sk_live_12');
  });

  it('walks objects, arrays, keys and numbers without touching the original', () => {
    const s = scrubber('hunter22', '424242');
    const data = { a: ['x hunter22 y', { hunter22: 1 }], n: 424242, m: 5, d: null, b: true };
    expect(s.value(data)).toEqual({
      a: ['x [secret] y', { '[secret]': 1 }],
      n: '[secret]',
      m: 5,
      d: null,
      b: true,
    });
    expect(data.a[0]).toBe('x hunter22 y');
  });

  it('keeps the message of an error, scrubbed', () => {
    expect(scrubber('hunter22').value({ err: new TypeError('bad hunter22') })).toEqual({
      err: { name: 'TypeError', message: 'bad [secret]' },
    });
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(scrubber('abc', 'abcdef').text('abcdef abc')).toBe('[secret] [secret]');
  });

  it('finds URL-encoded and JSON-escaped spellings', () => {
    const s = scrubber('p@ss w/"q"');
    expect(s.text('https://x/?k=p%40ss%20w%2F%22q%22')).toBe('https://x/?k=[secret]');
    expect(s.text('{"k":"p@ss w/\\"q\\""}')).toBe('{"k":"[secret]"}');
  });

  it('ignores empty secrets and returns data unchanged when it knows none', () => {
    const s = scrubber('');
    expect(s.active).toBe(false);
    const data = { a: 1 };
    expect(s.value(data)).toBe(data);
  });
});
