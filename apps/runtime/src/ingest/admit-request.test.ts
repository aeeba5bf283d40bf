import { describe, expect, it } from 'vitest';
import type { TriggerAccess } from '@paybridge/nodes/definitions';
import type { ConnectionResolver, ResolvedConnection } from '../connections/resolver';
import { admitAddress, authenticateRequest } from './admit-request';
import { CredentialCache } from './credential-cache';
import { shopifyHmac } from './trigger-auth/shopify-hmac';
import { readTriggerSecurity } from './trigger-security';

/** Who may call a trigger: these rules, no proxies. */
function securityOf(access: { auth?: TriggerAccess['auth']; ipAllowList?: string[] }) {
  return readTriggerSecurity({
    auth: access.auth ?? { type: 'none' },
    ipAllowList: access.ipAllowList ?? [],
    trustedProxies: [],
  });
}

const ID = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
const BODY = Buffer.from('{"id":1}');

/** An in-memory stand-in for the connection store. */
function memoryResolver(connections: ResolvedConnection[]): ConnectionResolver {
  return { resolve: async (id) => connections.find((c) => c.id === id) ?? null };
}

const shopify: ResolvedConnection = {
  id: ID,
  type: 'webhook.shopify',
  values: { secret: 'shpss_secret' },
  secretValues: ['shpss_secret'],
};

function lookup(connections: ResolvedConnection[]) {
  const cache = new CredentialCache();
  const resolver = memoryResolver(connections);
  return (method: Parameters<CredentialCache['get']>[0], id: string) =>
    cache.get(method, id, resolver);
}

describe('admitAddress', () => {
  it('lets any address reach an open trigger and only listed ones a restricted trigger', () => {
    const open = securityOf({});
    const closed = securityOf({ ipAllowList: ['203.0.113.0/24'] });
    expect(admitAddress(open, '198.51.100.1', undefined)).toBeNull();
    expect(admitAddress(closed, '203.0.113.1', undefined)).toBeNull();
    expect(admitAddress(closed, '198.51.100.1', '203.0.113.1')).toBe('ip-not-allowed');
  });

  it('refuses everything for unreadable settings', () => {
    expect(admitAddress(null, '203.0.113.1', undefined)).toBe('trigger-misconfigured');
  });
});

describe('authenticateRequest', () => {
  const security = securityOf({
    auth: { type: 'shopify-hmac', connectionId: ID },
  });
  const signed = { 'x-shopify-hmac-sha256': shopifyHmac('shpss_secret', BODY) };

  it('passes a trigger without authentication', async () => {
    const open = securityOf({});
    expect(await authenticateRequest(open, { headers: {}, body: BODY }, lookup([]), 0)).toEqual({
      ok: true,
    });
  });

  it('verifies against the secrets of the named connection', async () => {
    const check = (headers: Record<string, string>) =>
      authenticateRequest(security, { headers, body: BODY }, lookup([shopify]), 0);
    expect(await check(signed)).toEqual({ ok: true });
    expect(await check({})).toEqual({ ok: false, failure: 'credentials-missing' });
  });

  it('refuses when the connection is missing or of another type, never falling open', async () => {
    const request = { headers: signed, body: BODY };
    expect(await authenticateRequest(security, request, lookup([]), 0)).toEqual({
      ok: false,
      failure: 'connection-unavailable',
    });
    const wrongType = { ...shopify, type: 'webhook.bearer' };
    expect(await authenticateRequest(security, request, lookup([wrongType]), 0)).toEqual({
      ok: false,
      failure: 'connection-unavailable',
    });
  });

  it('lets a failing lookup surface as an error', async () => {
    const failing = () => Promise.reject(new Error('database unreachable'));
    await expect(
      authenticateRequest(security, { headers: signed, body: BODY }, failing, 0),
    ).rejects.toThrow('database unreachable');
  });
});
