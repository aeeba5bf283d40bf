/**
 * What all Shopify nodes of one runtime share: connection pools (one trusted, one bound to the
 * outbound address policy for custom URLs), the token cache, one cost bucket per app and shop,
 * and where the built-in simulator lives. Built once per executor lookup, so two runtimes in one
 * process never share tokens, buckets or policies.
 *
 * @module
 */
import { Agent, type Dispatcher } from 'undici';
import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import { createAddressPolicy } from '../../http/address-policy';
import { createGuardedAgent } from '../../http/guarded-agent';
import { TokenCache } from '../../http/token-cache';
import { CostBucket } from './cost-bucket';
import { sleep } from './waits';

/** Client-credentials tokens live 24 hours: renew five minutes (or a tenth of their life) early. */
export const SHOPIFY_TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** Shopify settings of the runtime (not of a connection). */
export interface ShopifyRuntimeOptions {
  /** Base URL of the runtime's built-in store simulator, for connections in `simulator`. */
  simulatorUrl?: string;
}

/** Shared state of the Shopify nodes of one runtime. */
export interface ShopifyRuntime {
  readonly simulatorUrl: string | undefined;
  readonly tokens: TokenCache;
  /** The cost bucket of one app at one shop (see `bucketKey` in the client). */
  bucket(key: string): CostBucket;
  /** The pool to use: trusted hosts skip the address policy, custom URLs obey it. */
  dispatcher(trusted: boolean): Dispatcher;
  /** Wall-clock time in epoch ms (token lifetimes, buckets, budgets). */
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Jitter source for backoff. */
  random(): number;
  /** Closes the connection pools (a connection test's one-off runtime). */
  close(): Promise<void>;
}

/** How a runtime is built; the clock and jitter are injectable for tests. */
export interface CreateShopifyRuntimeOptions {
  http: HttpRuntimeOptions;
  shopify?: ShopifyRuntimeOptions;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Builds the Shopify runtime from the runtime's settings. Invalid CIDRs throw here. */
export function createShopifyRuntime(options: CreateShopifyRuntimeOptions): ShopifyRuntime {
  const policy = createAddressPolicy(options.http.allowPrivateCidrs);
  const buckets = new Map<string, CostBucket>();
  let trusted: Dispatcher | undefined;
  let guarded: Dispatcher | undefined;
  const runtime: ShopifyRuntime = {
    simulatorUrl: options.shopify?.simulatorUrl,
    tokens: new TokenCache(SHOPIFY_TOKEN_REFRESH_MARGIN_MS),
    bucket(key) {
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = new CostBucket({ now: () => runtime.now(), sleep: runtime.sleep });
        buckets.set(key, bucket);
      }
      return bucket;
    },
    dispatcher(isTrusted) {
      if (isTrusted) return (trusted ??= new Agent());
      return (guarded ??= createGuardedAgent({
        policy,
        ...(options.http.lookup ? { lookup: options.http.lookup } : {}),
      }));
    },
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    async close() {
      await Promise.all([trusted?.close(), guarded?.close()].map((p) => p?.catch(() => undefined)));
    },
  };
  return runtime;
}
