/**
 * How the admin API shows records: customers and orders in their REST shape plus their
 * metafields, deliveries with every attempt (the exact body text included, so tests can check
 * signatures over the bytes sent).
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { rawInt } from '../core/raw-json.js';
import type { SimCustomer, SimMetafield, SimOrder, SimSubscription } from '../store/records.js';
import type { SimDelivery } from '../webhooks/delivery-records.js';
import { restCustomer } from '../webhooks/payload-customer.js';
import { restOrder } from '../webhooks/payload-order.js';
import { at } from '../webhooks/rest-format.js';

function metafields(sim: ShopContext, list: Map<string, SimMetafield>) {
  return [...list.values()].map((m) => ({
    id: rawInt(m.id),
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    updated_at: at(sim, m.updatedAt),
  }));
}

/** A customer with its metafields. */
export function customerView(sim: ShopContext, customer: SimCustomer) {
  return {
    ...restCustomer(sim, customer),
    tags: customer.tags.join(', '),
    metafields: metafields(sim, customer.metafields),
  };
}

/** An order with its metafields and transactions. */
export function orderView(sim: ShopContext, order: SimOrder) {
  return {
    ...restOrder(sim, order),
    metafields: metafields(sim, order.metafields),
    transactions: order.transactions.map((t) => ({
      id: rawInt(t.id),
      kind: t.kind,
      status: t.status,
      gateway: t.gateway,
      amount_minor: t.amountMinor,
      parent_id: t.parentId === null ? null : rawInt(t.parentId),
    })),
  };
}

/** A subscription. */
export function subscriptionView(sim: ShopContext, s: SimSubscription) {
  return {
    id: rawInt(s.id),
    admin_graphql_api_id: gid('WebhookSubscription', s.id),
    topic: s.topic,
    address: s.uri,
    format: 'json',
    fields: s.includeFields,
    api_version: s.apiVersion,
    created_at: at(sim, s.createdAt),
  };
}

/** A delivery with its attempts. */
export function deliveryView(d: SimDelivery) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event_id: d.eventId,
    topic: d.topic,
    subscription_id: rawInt(d.subscriptionId),
    uri: d.uri,
    api_version: d.apiVersion,
    state: d.state,
    held_back: d.heldBack,
    duplicate_of: d.duplicateOf,
    triggered_at: new Date(d.triggeredAt).toISOString(),
    next_attempt_at: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt).toISOString(),
    attempts: d.attempts.map((a) => ({
      at: new Date(a.at).toISOString(),
      webhook_id: a.webhookId,
      status: a.status,
      error: a.error,
      duration_ms: a.durationMs,
    })),
    hmac: d.hmac,
    body: d.body,
  };
}
