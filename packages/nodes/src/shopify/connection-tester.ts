/**
 * "Test connection" for Shopify: the cheapest Admin API question, `shop { name }` (one point),
 * with the stored credentials; a client-credentials connection obtains a token first. A refusal
 * shows Shopify's own message (an invalid token, a refused client secret, a missing scope).
 *
 * @module
 */
import type { ConnectionTester } from '../connections/testers';
import { createShopifyClient } from './client/graphql-client';
import { createShopifyRuntime } from './client/runtime';
import { shopifySettings } from './client/settings';
import { shopName } from './graphql/shop';

/** Tests a Shopify connection; reads the shop's name, changes nothing. */
export const shopifyConnectionTester: ConnectionTester = async (values, ctx) => {
  const runtime = createShopifyRuntime({
    http: ctx.http ?? { allowPrivateCidrs: [] },
    ...(ctx.shopify ? { shopify: ctx.shopify } : {}),
  });
  try {
    const settings = shopifySettings(values, runtime.simulatorUrl);
    const client = createShopifyClient(
      runtime,
      // A test should answer quickly: no long waits for throttling or retries.
      { ...settings, retryBudgetMs: Math.min(settings.retryBudgetMs, 5_000) },
      { signal: ctx.signal, logger: { info: () => {}, warn: () => {}, error: () => {} } },
    );
    const { shop } = await client.run(shopName, {});
    const how =
      settings.auth.kind === 'client-credentials' ? ' with a client-credentials token' : '';
    return { ok: true, message: `Connected to "${shop.name}" (${settings.shopDomain})${how}` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await runtime.close();
  }
};
