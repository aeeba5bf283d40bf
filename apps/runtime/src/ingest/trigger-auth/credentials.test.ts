import { describe, expect, it } from 'vitest';
import type { ResolvedConnection } from '../../connections/resolver';
import { credentialsFromConnection } from './credentials';
import { signStandardWebhook } from './standard-webhooks';
import { shopifyHmac } from './shopify-hmac';
import { verifyTriggerRequest } from './verify-request';

const WHSEC = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

function connection(type: string, values: Record<string, unknown>): ResolvedConnection {
  return { id: 'c1', type, values, secretValues: [] };
}

describe('credentialsFromConnection', () => {
  it('reads each webhook connection type for its method', () => {
    expect(
      credentialsFromConnection(
        'bearer',
        connection('webhook.bearer', { token: 'a'.repeat(16), previousToken: 'b'.repeat(16) }),
      ),
    ).toEqual({ method: 'bearer', tokens: ['a'.repeat(16), 'b'.repeat(16)] });
    expect(
      credentialsFromConnection(
        'basic',
        connection('webhook.basic', { username: 'u', password: 'p'.repeat(12) }),
      ),
    ).toEqual({ method: 'basic', username: 'u', password: 'p'.repeat(12) });
    expect(
      credentialsFromConnection(
        'standard-webhooks',
        connection('webhook.standard', { secrets: [WHSEC] }),
      ),
    ).toEqual({ method: 'standard-webhooks', keys: [Buffer.alloc(32, 3)] });
    expect(
      credentialsFromConnection('shopify-hmac', connection('webhook.shopify', { secret: 's' })),
    ).toEqual({ method: 'shopify-hmac', secrets: ['s'] });
  });

  it('refuses a connection of another type than the method needs', () => {
    expect(
      credentialsFromConnection('bearer', connection('webhook.shopify', { secret: 'x' })),
    ).toBeNull();
    expect(
      credentialsFromConnection('shopify-hmac', connection('http.header-auth', { secret: 'x' })),
    ).toBeNull();
  });

  it('refuses values the type would not accept (a too short token, no secrets)', () => {
    expect(
      credentialsFromConnection('bearer', connection('webhook.bearer', { token: 'short' })),
    ).toBeNull();
    expect(
      credentialsFromConnection(
        'standard-webhooks',
        connection('webhook.standard', { secrets: [] }),
      ),
    ).toBeNull();
  });
});

describe('verifyTriggerRequest', () => {
  const body = Buffer.from('{"ok":true}');
  const now = 1_700_000_000_000;

  it('dispatches to the verifier of the method', () => {
    const std = credentialsFromConnection(
      'standard-webhooks',
      connection('webhook.standard', { secrets: [WHSEC] }),
    )!;
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now / 1000),
      'webhook-signature': signStandardWebhook(Buffer.alloc(32, 3), 'msg_1', now / 1000, body),
    };
    expect(verifyTriggerRequest(std, { headers, body }, now)).toEqual({
      ok: true,
      deliveryId: 'msg_1',
    });
    expect(verifyTriggerRequest(std, { headers, body }, now + 301_000).ok).toBe(false);

    const shopify = { method: 'shopify-hmac' as const, secrets: ['s'] };
    const signed = { 'x-shopify-hmac-sha256': shopifyHmac('s', body) };
    expect(verifyTriggerRequest(shopify, { headers: signed, body }, now).ok).toBe(true);

    const bearer = { method: 'bearer' as const, tokens: ['t'.repeat(16)] };
    const auth = { authorization: `Bearer ${'t'.repeat(16)}` };
    expect(verifyTriggerRequest(bearer, { headers: auth, body }, now).ok).toBe(true);

    const basic = { method: 'basic' as const, username: 'u', password: 'p'.repeat(12) };
    const basicAuth = {
      authorization: `Basic ${Buffer.from(`u:${'p'.repeat(12)}`).toString('base64')}`,
    };
    expect(verifyTriggerRequest(basic, { headers: basicAuth, body }, now).ok).toBe(true);
    expect(verifyTriggerRequest(basic, { headers: auth, body }, now).ok).toBe(false);
  });
});
