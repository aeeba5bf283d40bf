import type { FlowGraph } from '@paybridge/engine';
import { shopifyTriggerNode, triggerNodeOf } from '@paybridge/nodes/definitions';
import type { Logger } from '../../logger';

/** A flow listening to a Shopify connection's events. */
export interface ShopifySubscriber {
  flowId: string;
  versionId: string;
  topics: readonly string[];
  gatewayNames: readonly string[];
}

/**
 * Groups active Shopify-triggered flows by connection, reading each trigger's config with the
 * node's own schema. A config that does not parse gets no events (and an error in the log):
 * guessing its topics could start flows on events their author did not choose.
 */
export function groupShopifySubscribers(
  rows: readonly { flowId: string; versionId: string; graph: FlowGraph }[],
  logger: Logger,
): Map<string, ShopifySubscriber[]> {
  const byConnection = new Map<string, ShopifySubscriber[]>();
  for (const r of rows) {
    const node = triggerNodeOf(r.graph)?.node;
    const cfg = shopifyTriggerNode.config.safeParse(node?.config ?? {});
    if (!cfg.success || cfg.data.connectionId === '') {
      logger.error('Shopify trigger settings unreadable; the flow gets no events', {
        flowId: r.flowId,
      });
      continue;
    }
    const list = byConnection.get(cfg.data.connectionId) ?? [];
    list.push({
      flowId: r.flowId,
      versionId: r.versionId,
      topics: cfg.data.topics,
      gatewayNames: cfg.data.gatewayNames,
    });
    byConnection.set(cfg.data.connectionId, list);
  }
  return byConnection;
}
