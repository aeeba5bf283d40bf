import type { FlowGraph } from '@paybridge/engine';
import { lookupSpec } from '@paybridge/nodes/definitions';
import type { Db } from '../db/client';
import { listActiveShopifyFlows } from '../db/queries/flows';

/** What a flow subscribes to on Shopify: one store (connection) and its topics. */
export interface ShopifySubscription {
  connectionId: string;
  topics: string[];
}

/** An active flow as the overlap check sees it. */
export interface ActiveFlow {
  flowId: string;
  name: string;
  graph: FlowGraph;
}

/** The Shopify store and topics a graph's trigger listens to, or null for other triggers. */
export function shopifySubscription(graph: FlowGraph): ShopifySubscription | null {
  const trigger = graph.nodes.find((n) => n.type === 'trigger.shopify');
  if (!trigger) return null;
  // The node's own schema fills in defaults (the default topic) as ingress sees them.
  const parsed = lookupSpec(trigger.type, trigger.typeVersion)?.config.safeParse(trigger.config);
  if (!parsed?.success) return null;
  const { connectionId, topics } = parsed.data as { connectionId: string; topics: string[] };
  return connectionId === '' ? null : { connectionId, topics };
}

/** Ids of the nodes that act on the outside world (charges, refunds, postings): `effects: true`. */
export function paymentNodes(graph: FlowGraph): string[] {
  return graph.nodes
    .filter((n) => lookupSpec(n.type, n.typeVersion)?.effects === true)
    .map((n) => n.id);
}

/**
 * Warnings for activating `graph` beside the flows already active: each one subscribed to the
 * same Shopify store and a shared topic that has payment nodes of its own. Both flows would then
 * run for every such event (a copy of an order flow next to the original), which is how one
 * order gets charged from two flows; the author must decide whether that is meant.
 */
export function paymentOverlapWarnings(
  flowId: string,
  graph: FlowGraph,
  active: readonly ActiveFlow[],
): string[] {
  const mine = shopifySubscription(graph);
  if (!mine) return [];
  const warnings: string[] = [];
  for (const other of active) {
    if (other.flowId === flowId) continue;
    const theirs = shopifySubscription(other.graph);
    if (!theirs || theirs.connectionId !== mine.connectionId) continue;
    const shared = mine.topics.filter((t) => theirs.topics.includes(t));
    const nodes = paymentNodes(other.graph);
    if (shared.length === 0 || nodes.length === 0) continue;
    warnings.push(
      `Flow "${other.name}" is also active on this Shopify store for ${shared.join(', ')} and has payment nodes (${nodes.join(', ')}): both flows run for every such event. Deactivate one of them unless both are meant to act on each order.`,
    );
  }
  return warnings;
}

/**
 * `paymentOverlapWarnings` against the flows active right now; reads nothing for flows that a
 * Shopify event does not start.
 */
export async function activeOverlapWarnings(
  db: Db,
  flowId: string,
  graph: FlowGraph,
): Promise<string[]> {
  if (!shopifySubscription(graph)) return [];
  return paymentOverlapWarnings(flowId, graph, await listActiveShopifyFlows(db));
}
