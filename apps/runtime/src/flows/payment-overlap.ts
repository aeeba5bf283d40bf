import type { FlowGraph } from '@paybridge/engine';
import {
  lookupSpec,
  triggerNodeOf,
  triggerTypesOn,
  type TriggerChannel,
  type TriggerSubscription,
} from '@paybridge/nodes/definitions';
import type { Db } from '../db/client';
import { listActiveFlows } from '../db/queries/flows';

/** An active flow as the overlap check sees it. */
export interface ActiveFlow {
  flowId: string;
  name: string;
  graph: FlowGraph;
}

/**
 * The source and topics a graph's trigger listens to on a shared channel, as its declaration
 * reads them (a Shopify store and its topics), or null for triggers that subscribe to none.
 */
export function subscriptionOf(
  graph: FlowGraph,
): { channel: TriggerChannel; subscription: TriggerSubscription } | null {
  const found = triggerNodeOf(graph);
  const subscription = found?.trigger.subscription?.(found.node);
  return found && subscription ? { channel: found.trigger.channel, subscription } : null;
}

/** Ids of the nodes that act on the outside world (charges, refunds, postings): `effects: true`. */
export function paymentNodes(graph: FlowGraph): string[] {
  return graph.nodes
    .filter((n) => lookupSpec(n.type, n.typeVersion)?.effects === true)
    .map((n) => n.id);
}

/**
 * Warnings for activating `graph` beside the flows already active: each one subscribed to the
 * same source (a Shopify store) and a shared topic that has payment nodes of its own. Both flows would then
 * run for every such event (a copy of an order flow next to the original), which is how one
 * order gets charged from two flows; the author must decide whether that is meant.
 */
export function paymentOverlapWarnings(
  flowId: string,
  graph: FlowGraph,
  active: readonly ActiveFlow[],
): string[] {
  const mine = subscriptionOf(graph)?.subscription;
  if (!mine) return [];
  const warnings: string[] = [];
  for (const other of active) {
    if (other.flowId === flowId) continue;
    const theirs = subscriptionOf(other.graph)?.subscription;
    if (!theirs || theirs.source !== mine.source) continue;
    const shared = mine.topics.filter((t) => theirs.topics.includes(t));
    const nodes = paymentNodes(other.graph);
    if (shared.length === 0 || nodes.length === 0) continue;
    warnings.push(
      `Flow "${other.name}" is also active on this ${mine.sourceLabel} for ${shared.join(', ')} and has payment nodes (${nodes.join(', ')}): both flows run for every such event. Deactivate one of them unless both are meant to act on each order.`,
    );
  }
  return warnings;
}

/**
 * `paymentOverlapWarnings` against the flows active right now on the same channel; reads nothing
 * for flows whose trigger subscribes to no shared source.
 */
export async function activeOverlapWarnings(
  db: Db,
  flowId: string,
  graph: FlowGraph,
): Promise<string[]> {
  const mine = subscriptionOf(graph);
  if (!mine) return [];
  return paymentOverlapWarnings(
    flowId,
    graph,
    await listActiveFlows(db, triggerTypesOn(mine.channel)),
  );
}
