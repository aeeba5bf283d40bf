/**
 * Client-credentials tokens against the store simulator: one grant shared by concurrent calls,
 * renewed before the 24-hour expiry (simulated time on both sides), and renewed once when the
 * store revokes it.
 */
import {
  SHOPIFY_DEMO_CREDENTIALS,
  startShopifySimulator,
  type RunningShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopName } from '../graphql/shop';
import { startFaultProxy, type FaultProxy } from '../test/fault-proxy';
import { createShopifyClient } from './graphql-client';
import { createShopifyRuntime } from './runtime';
import { shopifySettings } from './settings';

let sim: RunningShopifySimulator;
let proxy: FaultProxy;
beforeAll(async () => {
  sim = await startShopifySimulator({ port: 0 });
  proxy = await startFaultProxy(sim.url, () => 'forward');
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('client-credentials tokens against the simulator', () => {
  it('grants once, renews before expiry and after a revocation', async () => {
    let offset = 0;
    const runtime = createShopifyRuntime({
      http: { allowPrivateCidrs: ['127.0.0.1/32'] },
      now: () => Date.now() + offset,
    });
    const settings = shopifySettings(
      {
        shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
        environment: 'custom',
        baseUrl: proxy.origin,
        clientId: SHOPIFY_DEMO_CREDENTIALS.clientId,
        clientSecret: SHOPIFY_DEMO_CREDENTIALS.clientSecret,
      },
      undefined,
    );
    const client = () =>
      createShopifyClient(runtime, settings, {
        signal: new AbortController().signal,
        logger: silent,
      });
    const grants = () => proxy.seen.filter((r) => r.path === '/admin/oauth/access_token').length;

    await Promise.all([
      client().run(shopName, {}),
      client().run(shopName, {}),
      client().run(shopName, {}),
    ]);
    expect(grants()).toBe(1);

    // 23 hours later the token is still good.
    offset += 23 * 3_600_000;
    sim.handle.advanceClock(23 * 3_600_000);
    await client().run(shopName, {});
    expect(grants()).toBe(1);

    // Five minutes before the 24-hour expiry it is renewed, before Shopify would refuse it.
    offset += 56 * 60_000;
    sim.handle.advanceClock(56 * 60_000);
    await client().run(shopName, {});
    expect(grants()).toBe(2);

    // The store revokes every token: the next call is refused once, renews, and succeeds.
    sim.handle.expireTokens();
    await expect(client().run(shopName, {})).resolves.toMatchObject({
      shop: { name: expect.any(String) },
    });
    expect(grants()).toBe(3);
  });
});
