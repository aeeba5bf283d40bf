import type { FlowGraph } from '@paybridge/engine';
import { lookupSpec, triggerNodeOf, type ShopifyTriggerConfig } from '@paybridge/nodes/definitions';
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
    // The shopify channel's kinds share the Shopify trigger's settings; each node's own schema
    // reads them, defaults included.
    const node = triggerNodeOf(r.graph)?.node;
    const parsed = node && lookupSpec(node.type, node.typeVersion)?.config.safeParse(node.config);
    const cfg = parsed?.success ? (parsed.data as ShopifyTriggerConfig) : null;
    if (!cfg || cfg.connectionId === '') {
      logger.error('Shopify trigger settings unreadable; the flow gets no events', {
        flowId: r.flowId,
      });
      continue;
    }
    const list = byConnection.get(cfg.connectionId) ?? [];
    list.push({
      flowId: r.flowId,
      versionId: r.versionId,
      topics: cfg.topics,
      gatewayNames: cfg.gatewayNames,
    });
    byConnection.set(cfg.connectionId, list);
  }
  return byConnection;
}
