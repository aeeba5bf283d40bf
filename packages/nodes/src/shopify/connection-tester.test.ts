import {
  SHOPIFY_DEMO_CREDENTIALS,
  startShopifySimulator,
  type RunningShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionTesters } from '../connections/testers';

let sim: RunningShopifySimulator;
beforeAll(async () => {
  sim = await startShopifySimulator({ port: 0 });
});
afterAll(() => sim.close());

const base = {
  shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
  environment: 'simulator',
  webhookSecret: 'whsec',
};
const test = (values: Record<string, unknown>) =>
  connectionTesters.shopify!(values, {
    signal: AbortSignal.timeout(10_000),
    http: { allowPrivateCidrs: [] },
    shopify: { simulatorUrl: sim.url },
  });

describe('shopify connection tester', () => {
  it('reads the shop name with an access token', async () => {
    const result = await test({ ...base, accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0] });
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/^Connected to ".+" \(paybridge-demo\.myshopify\.com\)$/),
    });
  });

  it('obtains a token with client credentials', async () => {
    const result = await test({
      ...base,
      clientId: SHOPIFY_DEMO_CREDENTIALS.clientId,
      clientSecret: SHOPIFY_DEMO_CREDENTIALS.clientSecret,
    });
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining('client-credentials'),
    });
  });

  it("shows Shopify's message for a wrong token or secret, never the secret", async () => {
    const token = await test({ ...base, accessToken: 'shpat_wrong' });
    expect(token).toMatchObject({
      ok: false,
      message: expect.stringContaining('Invalid API key or access token'),
    });
    expect(token.message).not.toContain('shpat_wrong');
    const secret = await test({
      ...base,
      clientId: SHOPIFY_DEMO_CREDENTIALS.clientId,
      clientSecret: 'shpss_wrong',
    });
    expect(secret).toMatchObject({
      ok: false,
      message: expect.stringContaining('Shopify refused the client credentials'),
    });
    expect(secret.message).not.toContain('shpss_wrong');
  });

  it('says when the runtime serves no simulator', async () => {
    const result = await connectionTesters.shopify!(
      { ...base, accessToken: 'x' },
      { signal: AbortSignal.timeout(1000) },
    );
    expect(result).toEqual({
      ok: false,
      message: 'This runtime serves no Shopify simulator; choose another environment',
    });
  });
});
