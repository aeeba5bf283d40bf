import { z } from 'zod';
import { defineNode } from '../../define-node';
import { ShopifyTopic } from '../topics';

/** What a Shopify webhook (or the reconciliation poller) hands to the flow. */
export const ShopifyTriggerEvent = z.object({
  topic: ShopifyTopic,
  shopDomain: z.string(),
  apiVersion: z.string(),
  /** `X-Shopify-Webhook-Id`, or `reconciliation:<…>` for a change found by polling. */
  webhookId: z.string(),
  triggeredAt: z.string().nullable(),
  source: z.enum(['webhook', 'reconciliation']),
  /** The REST-shaped resource; every id is a string (Shopify's ids exceed 2^53). */
  body: z.record(z.string(), z.unknown()),
});
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
        'Orders (and refunds) whose payment gateway names include one of these, e.g. "PayTrace". Empty: all.',
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
before Shopify gets its \`200\`. A repeated delivery (same \`X-Shopify-Webhook-Id\`) or the same
change delivered again (same topic, resource id and \`updated_at\`) starts no second run. All
ids in \`body\` are strings, exactly as sent (Shopify's ids exceed what JSON numbers hold).

**Only payment gateways** keeps orders whose \`payment_gateway_names\` (refunds: their
transactions' gateways) include one of the names, e.g. a manual payment method called "PayTrace".`,
});

/** Shopify trigger settings after defaults, as ingress reads them. */
export type ShopifyTriggerConfig = z.infer<typeof shopifyTriggerNode.config>;
