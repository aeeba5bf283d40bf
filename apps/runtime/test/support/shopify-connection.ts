/**
 * Test support: a connection to the Shopify simulator's demo store, as a merchant would create
 * it. The runtime reaches the simulator at its `PAYBRIDGE_SHOPIFY_SIMULATOR_URL`.
 *
 * @module
 */
import { SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import { call } from '../support';

/** Creates the demo store's connection (`environment: simulator`); answers its id. */
export async function createShopifyConnection(
  base: string,
  name = 'Store simulator',
): Promise<string> {
  const res = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name,
    values: {
      shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
      environment: 'simulator',
      accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0],
      webhookSecret: SHOPIFY_DEMO_CREDENTIALS.webhookSecret,
    },
  });
  if (res.status !== 201) throw new Error(`Shopify connection: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
