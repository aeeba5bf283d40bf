import { defineTrigger } from '../../trigger/declare-trigger';
import { shopifyTriggerNode } from './definition';

/**
 * The Shopify event trigger: webhooks of the chosen topics from the store of one connection
 * (and the reconciliation poller's catch-up of the same topics).
 */
export const shopifyTrigger = defineTrigger({
  node: shopifyTriggerNode,
  channel: 'shopify',

  /** The store (connection) and topics; the node's own schema fills in the default topic. */
  subscription(node) {
    const parsed = shopifyTriggerNode.config.safeParse(node.config);
    if (!parsed.success) return null;
    const { connectionId, topics } = parsed.data;
    return connectionId === ''
      ? null
      : { source: connectionId, sourceLabel: 'Shopify store', topics };
  },

  entryPoint(node) {
    const topics = (node.config.topics as string[] | undefined) ?? [];
    return {
      kind: 'shopify',
      path: `hooks/shopify/${String(node.config.connectionId)}`,
      topics,
      hint: `In the Shopify admin (Settings > Notifications > Webhooks) or through the API, subscribe ${topics.join(', ')} to this URL, JSON format.`,
    };
  },
});
