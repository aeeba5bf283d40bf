/**
 * The client a Shopify node execution uses, built from its context: the connection's settings
 * resolved against the runtime (simulator URL, address policy) and the step's signal and logger.
 *
 * @module
 */
import { BusinessError, type ExecuteContext } from '@paybridge/engine';
import { createShopifyClient, type ShopifyClient } from '../../client/graphql-client';
import type { ShopifyRuntime } from '../../client/runtime';
import { shopifySettings } from '../../client/settings';

/** A client for this execution. */
export function clientFor(runtime: ShopifyRuntime, ctx: ExecuteContext<unknown>): ShopifyClient {
  const settings = shopifySettings(ctx.connection, runtime.simulatorUrl);
  return createShopifyClient(runtime, settings, { signal: ctx.signal, logger: ctx.logger });
}

/**
 * A resource that does not exist (or that the app may not see: orders older than 60 days need
 * `read_all_orders`). A business outcome: the flow may handle it on the error port.
 */
export function notFound(kind: string, id: string): BusinessError {
  return new BusinessError('SHOPIFY_NOT_FOUND', `Shopify has no ${kind} ${id}`, {
    details: { id },
  });
}
