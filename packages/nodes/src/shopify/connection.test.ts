import { describe, expect, it } from 'vitest';
import { shopifyConnection, webhookSecretsOf } from './connection';

const base = { shopDomain: 'paybridge-demo.myshopify.com' };

describe('shopify connection', () => {
  it('accepts an access token with a webhook secret, and defaults the API version', () => {
    const v = shopifyConnection.fields.parse({
      ...base,
      accessToken: 'shpat_abc',
      webhookSecret: 'whsecret',
    });
    expect(v.apiVersion).toBe('2026-10');
    expect(v.environment).toBe('store');
    expect(webhookSecretsOf(v)).toEqual(['whsecret']);
  });

  it('signs webhooks with the client secret when no separate secret is set', () => {
    const v = shopifyConnection.fields.parse({ ...base, clientId: 'id', clientSecret: 'cs' });
    expect(webhookSecretsOf({ ...v, previousWebhookSecret: 'old' })).toEqual(['cs', 'old']);
  });

  it('names what is missing or malformed', () => {
    const messages = (input: unknown) =>
      shopifyConnection.fields.safeParse(input).error?.issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages({ ...base })).toEqual([
      'accessToken: set an Admin API access token, or a client id and client secret',
      'webhookSecret: set the webhook signing secret (or the client secret, which signs by default)',
    ]);
    expect(
      messages({ shopDomain: 'shop.example.com', accessToken: 't', webhookSecret: 's' })?.[0],
    ).toMatch(/^shopDomain: must be the store's/);
    expect(
      messages({ ...base, accessToken: 't', webhookSecret: 's', environment: 'custom' }),
    ).toEqual(['baseUrl: required for custom']);
  });

  it('marks every credential as secret', () => {
    expect([...shopifyConnection.secretFields].sort()).toEqual(
      ['accessToken', 'clientSecret', 'previousWebhookSecret', 'webhookSecret'].sort(),
    );
  });
});
