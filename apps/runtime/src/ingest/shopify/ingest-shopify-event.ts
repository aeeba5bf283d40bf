import { createHash } from 'node:crypto';
import type { IngestResult, IngestWriter } from '../ingest-writer';
import {
  recordUnmatched,
  type GatewayRefusal,
  type UnmatchedReason,
} from '../../db/queries/unmatched-events';
import { shopifyEventIdentity } from './event-identity';
import { gatewaysOf, matchesGateways, orderIdNeededForGateways } from './gateway-filter';
import { orderGatewaysOf, recordOrderGateways } from './order-gateways';
import type { ShopifySubscriber } from './subscribers';

/** One Shopify event on its way in, from a webhook or from reconciliation. */
export interface ShopifyEventInput {
  connectionId: string;
  topic: string;
  /** REST-shaped resource, ids as strings. */
  body: Record<string, unknown>;
  /** `X-Shopify-Webhook-Id`, or `reconciliation:<identity>` for a polled change. */
  deliveryId: string;
  /** SHA-256 (hex) of the delivered bytes; defaults to the hash of the body as JSON. */
  bodyHash?: string;
  shopDomain: string;
  apiVersion: string;
  triggeredAt: string | null;
  source: 'webhook' | 'reconciliation';
}

/** An event no active flow took, recorded in `unmatched_events` with the reason. */
export interface UnmatchedResult {
  kind: 'unmatched';
  reason: UnmatchedReason;
  message: string;
}

/** What became of a Shopify event. */
export type ShopifyIngestResult = IngestResult | UnmatchedResult;

const RESOURCE: Record<string, string> = {
  orders: 'order',
  refunds: 'refund',
  disputes: 'dispute',
};

async function flowNames(ingest: IngestWriter, ids: readonly string[]) {
  const rows = await ingest.sql<{ id: string; name: string }[]>`
    select id::text, name from flows where id = any(${ids as string[]}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.name]));
}

function refusalText(resource: string, r: GatewayRefusal): string {
  const named = r.named.length > 0 ? r.named.join(', ') : 'no gateway';
  const order = !r.order
    ? ''
    : r.order.gateways === null
      ? `; its order ${r.order.id} was never seen by Paybridge, so how it was paid is unknown`
      : `; its order ${r.order.id} names ${r.order.gateways.join(', ') || 'no gateway'}`;
  return `filtered out by the gateway filter of flow "${r.flowName ?? r.flowId}" (only ${r.wanted.join(', ')}; the ${resource} names ${named}${order})`;
}

/**
 * Why no flow took the event, recorded (a redelivery counts once) so that a 200 with no run is
 * never silent.
 */
async function unmatched(
  ingest: IngestWriter,
  event: ShopifyEventInput,
  subscribers: readonly ShopifySubscriber[],
  forTopic: readonly ShopifySubscriber[],
  order: GatewayRefusal['order'],
): Promise<UnmatchedResult> {
  const resource = RESOURCE[event.topic.split('/')[0] ?? ''] ?? 'event';
  let reason: UnmatchedReason;
  let message: string;
  let details: { flows: GatewayRefusal[] } | null = null;
  if (subscribers.length === 0) {
    reason = 'no-active-flow';
    message = `No active flow listens to this store (${event.topic})`;
  } else if (forTopic.length === 0) {
    reason = 'no-flow-for-topic';
    message = `No active flow takes ${event.topic} from this store`;
  } else {
    reason = 'gateway-filtered';
    const names = await flowNames(
      ingest,
      forTopic.map((s) => s.flowId),
    );
    const named = gatewaysOf(event.body);
    const flows = forTopic.map((s): GatewayRefusal => ({
      flowId: s.flowId,
      flowName: names.get(s.flowId) ?? null,
      wanted: s.gatewayNames,
      named,
      ...(order ? { order } : {}),
    }));
    details = { flows };
    const what = `${event.topic} ${String(event.body.id ?? '')}`.trim();
    message = `${what}: ${flows.map((f) => refusalText(resource, f)).join('; ')}`;
  }
  await recordUnmatched(ingest.sql, {
    source: `shopify:${event.connectionId}`,
    connectionId: event.connectionId,
    topic: event.topic,
    deliveryId: event.deliveryId,
    resourceId: event.body.id === undefined ? null : String(event.body.id),
    reason,
    message,
    details,
  });
  return { kind: 'unmatched', reason, message };
}

/**
 * Stores a Shopify event with one run per subscribed flow (topic and gateway filter), the single
 * path for webhooks and the reconciliation poller alike. Deduplicated on the delivery id (with
 * the same body: a reused id with another body is a new event) and on the change's identity, so
 * the same change arriving twice, or by both paths, runs once.
 *
 * The gateway filter sees what Paybridge itself recorded: order events leave the order's
 * `payment_gateway_names` behind, and a refund paid back through `manual` (an order Paybridge
 * charged through PayTrace and marked paid) is filtered by its order's gateways. An event no
 * active flow takes is recorded with the reason and answered `unmatched`.
 */
export async function ingestShopifyEvent(
  ingest: IngestWriter,
  subscribers: readonly ShopifySubscriber[],
  event: ShopifyEventInput,
): Promise<ShopifyIngestResult> {
  // Beside the event's own write, not before it: an order's filter reads its own names, so the
  // record only serves its later refunds. Both are done before the sender hears anything.
  const [result] = await Promise.all([
    admit(ingest, subscribers, event),
    recordOrderGateways(ingest.sql, event.connectionId, event.topic, event.body),
  ]);
  return result;
}

async function admit(
  ingest: IngestWriter,
  subscribers: readonly ShopifySubscriber[],
  event: ShopifyEventInput,
): Promise<ShopifyIngestResult> {
  const forTopic = subscribers.filter((s) => s.topics.includes(event.topic));
  const orderId = orderIdNeededForGateways(event.body);
  let order: GatewayRefusal['order'];
  if (orderId !== null && forTopic.some((s) => s.gatewayNames.length > 0)) {
    order = {
      id: orderId,
      gateways: await orderGatewaysOf(ingest.sql, event.connectionId, orderId),
    };
  }
  const runs = forTopic
    .filter((s) => matchesGateways(event.body, s.gatewayNames, order?.gateways))
    .map((s) => ({ flowId: s.flowId, versionId: s.versionId }));
  if (runs.length === 0) return unmatched(ingest, event, subscribers, forTopic, order);
  const identity = shopifyEventIdentity(event.topic, event.body);
  const scope = `shopify:${event.connectionId}`;
  return ingest.write({
    source: scope,
    externalId: `delivery:${event.deliveryId}`,
    bodyHash:
      event.bodyHash ?? createHash('sha256').update(JSON.stringify(event.body)).digest('hex'),
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
