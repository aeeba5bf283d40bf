import { SHOPIFY_TOPICS } from '@paybridge/nodes/definitions';
import {
  DEMO_CREDENTIALS,
  SHOPIFY_DEMO_CREDENTIALS,
  type ShopifySimulatorHandle,
} from '@paybridge/sandbox';
import type { ConnectionStore } from '../connections/connection-store';
import type { Logger } from '../logger';

/** Names of the connections a sandbox start creates for the built-in simulators. */
export const SANDBOX_PAYTRACE_CONNECTION = 'PayTrace simulator';
export const SANDBOX_SHOPIFY_CONNECTION = 'Shopify simulator';

/**
 * Makes a sandbox start ready to use: when no connection points at a built-in simulator, one is
 * created with the simulator's demo credentials (public test values, printed in the README). A
 * connection an admin deleted comes back at the next sandbox start; one they edited (renamed,
 * other credentials) is left alone. Returns the Shopify one, whose webhooks the store sends.
 */
export async function ensureSandboxConnections(
  connections: ConnectionStore,
  logger: Logger,
): Promise<{ paytraceConnectionId: string; shopifyConnectionId: string }> {
  const ensure = async (type: string, name: string, values: Record<string, unknown>) => {
    const existing = (await connections.list(type)).find(
      (c) => c.values.environment === 'simulator',
    );
    if (existing) return existing.id;
    const created = await connections.create({ type, name, values }, null);
    logger.info('sandbox: created a connection to a built-in simulator', {
      connectionId: created.id,
      name,
    });
    return created.id;
  };
  const paytraceConnectionId = await ensure('paytrace', SANDBOX_PAYTRACE_CONNECTION, {
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    integratorId: DEMO_CREDENTIALS.integratorId,
    environment: 'simulator',
  });
  const shopifyConnectionId = await ensure('shopify', SANDBOX_SHOPIFY_CONNECTION, {
    shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
    environment: 'simulator',
    accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0],
    webhookSecret: SHOPIFY_DEMO_CREDENTIALS.webhookSecret,
  });
  return { paytraceConnectionId, shopifyConnectionId };
}

/**
 * Subscribes the sandbox store's webhooks (every topic a Shopify trigger offers) to this
 * runtime's ingress, so an order placed through the store's admin API starts the flows listening
 * to it, exactly as a real store's subscription would. The store keeps its subscriptions across
 * restarts: one already pointing here is kept, and one to this connection's ingress at another
 * address (an earlier start on another port) is replaced, so each event is delivered once.
 */
export function subscribeSandboxStore(store: ShopifySimulatorHandle, hookUrl: string): void {
  const path = new URL(hookUrl).pathname;
  for (const subscription of [...store.state.subscriptions.values()]) {
    const samePath = URL.canParse(subscription.uri) && new URL(subscription.uri).pathname === path;
    if (samePath && subscription.uri !== hookUrl) store.unsubscribe(subscription.id);
  }
  const existing = [...store.state.subscriptions.values()];
  for (const topic of SHOPIFY_TOPICS) {
    if (!existing.some((s) => s.topic === topic && s.uri === hookUrl))
      store.subscribe(topic, hookUrl);
  }
}
