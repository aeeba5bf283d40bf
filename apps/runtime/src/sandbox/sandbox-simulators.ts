import {
  openPaytraceSimulator,
  openQuickbooksSimulator,
  openShopifySimulator,
  type DurablePaytraceSimulator,
  type DurableQuickbooksSimulator,
  type DurableShopifySimulator,
} from '@paybridge/sandbox';
import type { Sql } from '../db/client';
import type { Logger } from '../logger';
import { postgresSimulatorStore } from './postgres-simulator-store';
import { sandboxWebhookFetch } from './sandbox-webhook-fetch';

/** The built-in simulators of a sandbox start, their state kept in the runtime's Postgres. */
export interface SandboxSimulators {
  paytrace: DurablePaytraceSimulator;
  shopify: DurableShopifySimulator;
  quickbooks: DurableQuickbooksSimulator;
  /** Lets the store's deliveries to exactly this URI (the runtime's own ingress) skip the policy. */
  trustWebhookUri(uri: string): void;
  /** Stops webhook deliveries and writes every pending change (call on shutdown). */
  close(): Promise<void>;
}

/**
 * Opens the PayTrace, Shopify and QuickBooks simulators over the `sandbox` schema: what a user
 * did in the sandbox (vault profiles, orders, documents, connected companies) is still there
 * after a restart, and no id is handed out twice, even after a kill -9. The store's webhooks go
 * out under the outbound network policy (`allowPrivateCidrs` as for the HTTP-request node).
 */
export async function openSandboxSimulators(
  sql: Sql,
  logger: Logger,
  allowPrivateCidrs: readonly string[] = [],
): Promise<SandboxSimulators> {
  const webhooks = sandboxWebhookFetch(allowPrivateCidrs);
  const durable = (simulator: string) => ({
    store: postgresSimulatorStore(sql, simulator),
    onError: (error: unknown) =>
      logger.warn('sandbox: simulator state store failed; retrying', {
        simulator,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  // Chargeback notifications go out under the same policy as the store's webhooks.
  const paytrace = await openPaytraceSimulator({
    durable: durable('paytrace'),
    fetch: webhooks.fetch,
  });
  const shopify = await openShopifySimulator({
    durable: durable('shopify'),
    fetch: webhooks.fetch,
  });
  const quickbooks = await openQuickbooksSimulator({ durable: durable('quickbooks') });
  return {
    paytrace,
    shopify,
    quickbooks,
    trustWebhookUri: (uri) => webhooks.trust(uri),
    close: async () => {
      webhooks.release();
      // A store that cannot be reached at shutdown must not stop the rest of the shutdown.
      for (const [simulator, sim] of [
        ['shopify', shopify],
        ['paytrace', paytrace],
        ['quickbooks', quickbooks],
      ] as const) {
        await sim.close().catch((error: unknown) =>
          logger.warn('sandbox: could not write the last simulator changes', {
            simulator,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      await webhooks.close().catch(() => undefined);
    },
  };
}
