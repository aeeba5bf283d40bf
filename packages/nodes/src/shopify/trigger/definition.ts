import { z } from 'zod';
import { defineNode } from '../../define-node';
import { ShopifyTopic } from '../topics';
import { SHOPIFY_ORDER_EVENT_EXAMPLE } from './example-event';

/** What a Shopify webhook (or the reconciliation poller) hands to the flow. */
export const ShopifyTriggerEvent = z
  .object({
    topic: ShopifyTopic,
    shopDomain: z.string(),
    apiVersion: z.string(),
    /** `X-Shopify-Webhook-Id`, or `reconciliation:<…>` for a change found by polling. */
    webhookId: z.string(),
    triggeredAt: z.string().nullable(),
    source: z.enum(['webhook', 'reconciliation']),
    /** The REST-shaped resource; every id is a string (Shopify's ids exceed 2^53). */
    body: z.record(z.string(), z.unknown()),
  })
  .meta({ examples: [SHOPIFY_ORDER_EVENT_EXAMPLE] });
/** A Shopify event, as the flow sees it. */
export type ShopifyTriggerEvent = z.infer<typeof ShopifyTriggerEvent>;

/**
 * Starts the flow on Shopify webhooks of the chosen topics, from the store of one connection.
 * Deliveries are verified, deduplicated and stored before Shopify gets its answer.
 */
export const shopifyTriggerNode = defineNode({
  type: 'trigger.shopify',
  version: 1,
  kind: 'trigger',
  title: 'Shopify event',
  description: 'Start the flow when the store sends a webhook (orders, refunds, disputes).',
  category: 'trigger',
  icon: 'shopping-bag',
  config: z.object({
    connectionId: z
      .string()
      .default('')
      .meta({ title: 'Store', description: 'A Shopify connection.', widget: 'connection' }),
    topics: z
      .array(ShopifyTopic)
      .min(1, 'choose at least one topic')
      .default(['orders/create'])
      .meta({ title: 'Topics' }),
    gatewayNames: z.array(z.string().min(1).max(200)).max(20).default([]).meta({
      title: 'Only payment gateways',
      description:
        'Orders whose payment gateway names include one of these, e.g. "PayTrace", and refunds of such orders. Empty: all.',
    }),
  }),
  output: ShopifyTriggerEvent,
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  connection: { type: 'shopify', field: 'connectionId' },
  // Ingress reads these before any run exists: literal values only.
  rawExpressionFields: ['connectionId', 'topics', 'gatewayNames'],
  docs: `Subscribes the flow to the store's webhooks for the chosen **topics**. Point the store's
webhook subscriptions at \`/hooks/shopify/<connection id>\` (the editor shows the full URL).

Every delivery is checked against the connection's webhook secret on the raw bytes, then stored
before Shopify gets its \`200\`. A repeated delivery (same \`X-Shopify-Webhook-Id\` and the same
bytes) or the same change delivered again (same topic, resource id and \`updated_at\`) starts no
second run; a webhook id reused for another body (a store restored from a backup) is a new event,
with a warning in the log. While the database is unreachable, deliveries are answered \`503\` with
\`Retry-After\`, so Shopify sends them again. All ids in \`body\` are strings, exactly as sent
(Shopify's ids exceed what JSON numbers hold).

**Only payment gateways** keeps orders whose \`payment_gateway_names\` include one of the names,
e.g. a manual payment method called "PayTrace". A refund matches by its transactions' gateways
or by its order's: when Paybridge charges an order through PayTrace and marks it paid, Shopify
records that payment (and refunds of it) under the gateway \`manual\`, so a refund through
\`manual\` is filtered by the \`payment_gateway_names\` its order had when Paybridge received the
order's webhooks. Subscribe the store's \`orders/create\` (or any order topic) to this URL for
that: a refund of an order Paybridge never saw names no gateway it can check.

A delivery no active flow takes (no flow for the topic, or every flow's gateway filter refused
it) is still answered \`200\`, and listed with the reason and counted at
\`GET /api/events/unmatched\`.`,
});

/** Shopify trigger settings after defaults, as ingress reads them. */
export type ShopifyTriggerConfig = z.infer<typeof shopifyTriggerNode.config>;
