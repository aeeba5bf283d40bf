import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifySimulator, SHOPIFY_DEMO_CREDENTIALS } from './simulator.js';
import { CURRENT_VERSION, startShop } from './test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

describe('simulator surface', () => {
  it('listens on 127.0.0.1 and answers GraphQL with the demo token', async () => {
    expect(shop.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await shop.gql(
      '{ shop { name myshopifyDomain currencyCode plan { shopifyPlus } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.shop).toEqual({
      name: 'paybridge-demo',
      myshopifyDomain: 'paybridge-demo.myshopify.com',
      currencyCode: 'USD',
      plan: { shopifyPlus: false },
    });
    expect(answer.headers.get('x-shopify-api-version')).toBe(CURRENT_VERSION);
  });

  it('works mounted under a prefix, as the runtime mounts it', async () => {
    const { app, close } = createShopifySimulator();
    const parent = new Hono().route('/sandbox/shopify', app);
    const response = await parent.request('/sandbox/shopify/admin/api/2025-10/graphql.json', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
      },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(((await response.json()) as any).data.shop.name).toBe('paybridge-demo');
    await close();
  });

  it('can leave the admin API out', async () => {
    const { app, close } = createShopifySimulator({ adminApi: false });
    expect((await app.request('/__admin/orders')).status).toBe(404);
    await close();
  });

  it('resets to an empty store but keeps settings', async () => {
    await shop.admin('POST', '/customers', { email: 'reset@example.com' });
    shop.sim.handle.settings.plan = 'plus';
    await shop.admin('POST', '/reset');
    expect((await shop.admin('GET', '/customers')).body.customers).toEqual([]);
    expect((await shop.admin('GET', '/settings')).body.plan).toBe('plus');
    shop.sim.handle.settings.plan = 'standard';
  });
});
