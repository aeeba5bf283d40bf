import type { IngestResult, IngestWriter } from '../ingest-writer';
import { shopifyEventIdentity } from './event-identity';
import { matchesGateways } from './gateway-filter';
import type { ShopifySubscriber } from './subscribers';

/** One Shopify event on its way in, from a webhook or from reconciliation. */
export interface ShopifyEventInput {
  connectionId: string;
  topic: string;
  /** REST-shaped resource, ids as strings. */
  body: Record<string, unknown>;
  /** `X-Shopify-Webhook-Id`, or `reconciliation:<identity>` for a polled change. */
  deliveryId: string;
  shopDomain: string;
  apiVersion: string;
  triggeredAt: string | null;
  source: 'webhook' | 'reconciliation';
}

/**
 * Stores a Shopify event with one run per subscribed flow (topic and gateway filter), the single
 * path for webhooks and the reconciliation poller alike. Deduplicated on the delivery id and on
 * the change's identity, so the same change arriving twice, or by both paths, runs once.
 * Returns null when no active flow takes the event.
 */
export async function ingestShopifyEvent(
  ingest: IngestWriter,
  subscribers: readonly ShopifySubscriber[],
  event: ShopifyEventInput,
): Promise<IngestResult | null> {
  const runs = subscribers
    .filter((s) => s.topics.includes(event.topic) && matchesGateways(event.body, s.gatewayNames))
    .map((s) => ({ flowId: s.flowId, versionId: s.versionId }));
  if (runs.length === 0) return null;
  const identity = shopifyEventIdentity(event.topic, event.body);
  const scope = `shopify:${event.connectionId}`;
  return ingest.write({
    source: scope,
    externalId: `delivery:${event.deliveryId}`,
    ...(identity ? { idempotency: { scope, key: identity, hash: identity } } : {}),
    payload: {
      topic: event.topic,
      shopDomain: event.shopDomain,
      apiVersion: event.apiVersion,
      webhookId: event.deliveryId,
      triggeredAt: event.triggeredAt,
      source: event.source,
      body: event.body,
    },
    runs,
  });
}
