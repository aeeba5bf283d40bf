import { describe, expect, it } from 'vitest';
import { restTriggerNode } from './definition';

const parse = (extra: Record<string, unknown>) =>
  restTriggerNode.config.safeParse({ path: 'orders/new', ...extra });

describe('REST trigger rate limit config', () => {
  it('defaults to 600 requests per minute, so flows saved without it are limited too', () => {
    const parsed = parse({});
    expect(parsed.success && parsed.data.rateLimit).toEqual({ perMinute: 600 });
  });

  it('accepts 0 (off) and an explicit burst', () => {
    expect(parse({ rateLimit: { perMinute: 0 } }).success).toBe(true);
    const parsed = parse({ rateLimit: { perMinute: 120, burst: 20 } });
    expect(parsed.success && parsed.data.rateLimit).toEqual({ perMinute: 120, burst: 20 });
  });

  it.each([{ perMinute: -1 }, { perMinute: 1.5 }, { perMinute: 60, burst: 0 }, '=1000'])(
    'refuses %j',
    (rateLimit) => {
      expect(parse({ rateLimit }).success).toBe(false);
    },
  );

  it('is a literal setting, never a JSONata expression', () => {
    expect(restTriggerNode.rawExpressionFields).toContain('rateLimit');
  });
});
