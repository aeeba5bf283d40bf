/**
 * The headers of a webhook delivery, as Shopify's delivery-structure page lists them. The legacy
 * per-topic headers (`X-Shopify-Order-Id`, `X-Shopify-Test`) seen on older deliveries are a
 * setting, off by default.
 * @module
 */
import type { ShopContext } from '../context.js';
import type { SimDelivery } from './delivery-records.js';
import { servedVersion } from '../core/api-versions.js';

/** Headers for one attempt of a delivery (`webhookId` may differ per attempt, see settings). */
export function deliveryHeaders(
  sim: ShopContext,
  delivery: SimDelivery,
  webhookId: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Shopify-Captain-Hook',
    'X-Shopify-Topic': delivery.topic,
    'X-Shopify-Hmac-Sha256': delivery.hmac,
    'X-Shopify-Shop-Domain': sim.credentials.shopDomain,
    // The subscription's version, or the one it falls forward to once retired.
    'X-Shopify-API-Version': servedVersion(sim, delivery.apiVersion) ?? delivery.apiVersion,
    'X-Shopify-Webhook-Id': webhookId,
    'X-Shopify-Triggered-At': new Date(delivery.triggeredAt).toISOString(),
    'X-Shopify-Event-Id': delivery.eventId,
  };
  if (sim.settings.legacyTopicHeaders) {
    if (delivery.resourceId && delivery.topic.startsWith('orders/')) {
      headers['X-Shopify-Order-Id'] = delivery.resourceId;
    }
    if (delivery.test) headers['X-Shopify-Test'] = 'true';
  }
  return headers;
}
