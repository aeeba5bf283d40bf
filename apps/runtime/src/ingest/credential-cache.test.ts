import { describe, expect, it } from 'vitest';
import type { ConnectionResolver, ResolvedConnection } from '../connections/resolver';
import { CredentialCache } from './credential-cache';

const ID = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';

/** In-memory resolver counting lookups; `fail` makes the next lookups throw. */
function resolver(connections: Record<string, ResolvedConnection>) {
  const state = { calls: 0, fail: false };
  const r: ConnectionResolver = {
    async resolve(id) {
      state.calls++;
      if (state.fail) throw new Error('decryption failed');
      return connections[id] ?? null;
    },
  };
  return { r, state };
}

const bearer = (token: string): ResolvedConnection => ({
  id: ID,
  type: 'webhook.bearer',
  values: { token },
  secretValues: [token],
});

describe('CredentialCache', () => {
  it('resolves once per connection within the time to live, then again', async () => {
    let now = 0;
    const cache = new CredentialCache(30_000, () => now);
    const { r, state } = resolver({ [ID]: bearer('t'.repeat(16)) });
    const first = await cache.get('bearer', ID, r);
    expect(first).toEqual({ method: 'bearer', tokens: ['t'.repeat(16)] });
    now = 29_999;
    await cache.get('bearer', ID, r);
    expect(state.calls).toBe(1);
    now = 30_000;
    await cache.get('bearer', ID, r);
    expect(state.calls).toBe(2);
  });

  it('shares one lookup between concurrent first requests', async () => {
    const cache = new CredentialCache();
    const { r, state } = resolver({ [ID]: bearer('t'.repeat(16)) });
    await Promise.all([cache.get('bearer', ID, r), cache.get('bearer', ID, r)]);
    expect(state.calls).toBe(1);
  });

  it('answers null for a missing connection or one of the wrong type', async () => {
    const cache = new CredentialCache();
    const { r } = resolver({ [ID]: bearer('t'.repeat(16)) });
    expect(await cache.get('bearer', '00000000-0000-4000-8000-000000000000', r)).toBeNull();
    expect(await cache.get('shopify-hmac', ID, r)).toBeNull();
  });

  it('does not keep a failed lookup', async () => {
    const cache = new CredentialCache();
    const { r, state } = resolver({ [ID]: bearer('t'.repeat(16)) });
    state.fail = true;
    await expect(cache.get('bearer', ID, r)).rejects.toThrow('decryption failed');
    state.fail = false;
    expect(await cache.get('bearer', ID, r)).not.toBeNull();
    expect(state.calls).toBe(2);
  });

  it('forgets one connection, or everything, on request', async () => {
    const cache = new CredentialCache();
    const { r, state } = resolver({ [ID]: bearer('t'.repeat(16)) });
    await cache.get('bearer', ID, r);
    cache.forget(ID);
    await cache.get('bearer', ID, r);
    cache.clear();
    await cache.get('bearer', ID, r);
    expect(state.calls).toBe(3);
  });
});
