import { describe, expect, it } from 'vitest';
import { renewAt, TokenCache, tokenCacheKey } from './token-cache';

const TOKEN_REFRESH_MARGIN_MS = 60_000;

describe('TokenCache', () => {
  it('shares one request between concurrent callers and reuses the token', async () => {
    const cache = new TokenCache(TOKEN_REFRESH_MARGIN_MS);
    let requests = 0;
    const fetch = async () => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { value: `t${requests}`, expiresAt: 1_000_000 };
    };
    const tokens = await Promise.all([1, 2, 3].map(() => cache.get('k', 0, fetch)));
    expect(tokens.map((t) => t.value)).toEqual(['t1', 't1', 't1']);
    expect((await cache.get('k', 0, fetch)).value).toBe('t1');
    expect(requests).toBe(1);
  });

  it('renews a minute before expiry, and after the cached token was rejected', async () => {
    const cache = new TokenCache(TOKEN_REFRESH_MARGIN_MS);
    let n = 0;
    const fetch = async () => ({ value: `t${++n}`, expiresAt: 100_000 });
    await cache.get('k', 0, fetch);
    expect((await cache.get('k', 100_000 - TOKEN_REFRESH_MARGIN_MS - 1, fetch)).value).toBe('t1');
    expect((await cache.get('k', 100_000 - TOKEN_REFRESH_MARGIN_MS, fetch)).value).toBe('t2');
    cache.invalidate('k', 'stale');
    expect((await cache.get('k', 0, fetch)).value).toBe('t2');
    cache.invalidate('k', 't2');
    expect((await cache.get('k', 0, fetch)).value).toBe('t3');
  });

  it('does not cache a failed request', async () => {
    const cache = new TokenCache(TOKEN_REFRESH_MARGIN_MS);
    await expect(cache.get('k', 0, () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect((await cache.get('k', 0, async () => ({ value: 'ok', expiresAt: 1e9 }))).value).toBe(
      'ok',
    );
  });

  it('keys by base URL, user and a hash of the password, never the password itself', () => {
    const key = tokenCacheKey('https://api.paytrace.com', 'ann', 's3cret-pw');
    expect(key).not.toContain('s3cret-pw');
    expect(key).not.toBe(tokenCacheKey('https://api.paytrace.com', 'ann', 'other'));
    expect(key).not.toBe(tokenCacheKey('https://api.sandbox.paytrace.com', 'ann', 's3cret-pw'));
  });

  it('renews short-lived tokens after nine tenths of their life', () => {
    const token = { value: 't', obtainedAt: 0, expiresAt: 100_000 };
    expect(renewAt(token, 5 * 60_000)).toBe(90_000);
    expect(renewAt({ ...token, expiresAt: 86_400_000 }, 5 * 60_000)).toBe(86_100_000);
    expect(renewAt({ value: 't', expiresAt: 100_000 }, 60_000)).toBe(40_000);
  });
});
