/**
 * Node tests against the Shopify store simulator over real HTTP: a simulator on a free port, a
 * Shopify runtime whose `simulator` environment points at it, and a helper that runs an executor
 * with a Shopify connection the way the engine would. Tests only.
 *
 * @module
 */
import type { NodeExecutor, NodeResult } from '@paybridge/engine';
import {
  SHOPIFY_DEMO_CREDENTIALS,
  startShopifySimulator,
  type RunningShopifySimulator,
  type StartShopifySimulatorOptions,
} from '@paybridge/sandbox';
import { createShopifyRuntime, type ShopifyRuntime } from '../client/runtime';
import { createTestContext, type TestContextOptions } from '../../test-context';

/** A started simulator and what a test runs nodes with. */
export interface ShopHarness {
  readonly sim: RunningShopifySimulator;
  readonly runtime: ShopifyRuntime;
  /** Connection values of the demo store in the `simulator` environment. */
  readonly connection: Record<string, unknown>;
  /** Runs `executor` with `config` (connectionId filled in) and the demo connection. */
  run<Config>(
    executor: NodeExecutor<Config>,
    config: Record<string, unknown>,
    options?: TestContextOptions & {
      connection?: { type: string; values: Record<string, unknown> };
    },
  ): Promise<NodeResult & { output?: any; port?: string }>;
  close(): Promise<void>;
}

/** Starts the simulator (port 0) and builds the harness. */
export async function startShopHarness(
  options: StartShopifySimulatorOptions = {},
  connection: Record<string, unknown> = {},
): Promise<ShopHarness> {
  const sim = await startShopifySimulator({ port: 0, ...options });
  // Loopback allowed so a fault proxy (a custom URL) can stand between the nodes and the store.
  const runtime = createShopifyRuntime({
    http: { allowPrivateCidrs: ['127.0.0.1/32'] },
    shopify: { simulatorUrl: sim.url },
  });
  const values = {
    shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
    environment: 'simulator',
    accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0],
    webhookSecret: SHOPIFY_DEMO_CREDENTIALS.webhookSecret,
    ...connection,
  };
  return {
    sim,
    runtime,
    connection: values,
    async run(executor, config, runOptions = {}) {
      const ctx = createTestContext(
        executor.spec,
        { connectionId: 'shop-1', ...config },
        { connection: { type: 'shopify', values }, ...runOptions },
      );
      return executor.execute(ctx) as Promise<NodeResult & { output?: any; port?: string }>;
    },
    close: () => sim.close(),
  };
}

/** Connection values that send the nodes through `proxyOrigin` (a custom base URL). */
export function viaProxy(shop: ShopHarness, proxyOrigin: string) {
  return {
    type: 'shopify',
    values: { ...shop.connection, environment: 'custom', baseUrl: proxyOrigin },
  };
}

/** A pending order paid through the manual "PayTrace" method: `total` in the shop's currency. */
export function pendingOrderInput(price = '49.99', extra: Record<string, unknown> = {}) {
  return {
    line_items: [{ title: 'Widget', price, quantity: 1, sku: 'W-1' }],
    gateway: 'PayTrace',
    email: 'buyer@example.com',
    ...extra,
  };
}
