/**
 * One Shopify runtime per set of runtime options, so every Shopify node type of one executor
 * lookup shares the same token cache and cost buckets (the rate limit is per shop, not per node
 * type), while separate lookups stay apart.
 *
 * @module
 */
import type { HttpRuntimeOptions } from '../core/http-request/execute';
import {
  createShopifyRuntime,
  type ShopifyRuntime,
  type ShopifyRuntimeOptions,
} from './client/runtime';

/** The part of the node runtime options the Shopify nodes read. */
export interface ShopifyExecutorOptions {
  readonly http: HttpRuntimeOptions;
  readonly shopify?: ShopifyRuntimeOptions;
}

const runtimes = new WeakMap<object, ShopifyRuntime>();

/** The runtime for these options, created on first use. */
export function shopifyRuntimeFor(options: ShopifyExecutorOptions): ShopifyRuntime {
  let runtime = runtimes.get(options);
  if (!runtime) {
    runtime = createShopifyRuntime({
      http: options.http,
      ...(options.shopify ? { shopify: options.shopify } : {}),
    });
    runtimes.set(options, runtime);
  }
  return runtime;
}
