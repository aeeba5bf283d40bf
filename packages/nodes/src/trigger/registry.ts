/**
 * Every trigger kind the product ships, one line each. The runtime reaches trigger behaviour only
 * through this registry (by node type or by channel), so a new kind is its folder plus a line here.
 *
 * @module
 */
import { shopifyTrigger } from '../shopify/trigger/trigger';
import type { TriggerChannel, TriggerDeclaration, TriggerGraphNode } from './declare-trigger';
import { chargebackTrigger } from './chargeback/trigger';
import { manualTrigger } from './manual/trigger';
import { restTrigger } from './rest/trigger';
import { scheduleTrigger } from './schedule/trigger';

/** The shipped trigger kinds, in palette order. */
export const triggerDeclarations: readonly TriggerDeclaration[] = [
  restTrigger,
  manualTrigger,
  scheduleTrigger,
  shopifyTrigger,
  chargebackTrigger,
];

const byType = new Map(triggerDeclarations.map((d) => [d.node.type, d]));

/** The declaration of a trigger node type; undefined for actions and unknown types. */
export function lookupTrigger(type: string): TriggerDeclaration | undefined {
  return byType.get(type);
}

/** The node types a channel serves, for the runtime to load the flows it must route to. */
export function triggerTypesOn(channel: TriggerChannel): string[] {
  return triggerDeclarations
    .filter((d) => d.channel === channel || d.alsoOn?.includes(channel))
    .map((d) => d.node.type);
}

/** The node types whose flows receive a runtime feed (see `TriggerDeclaration.feeds`). */
export function triggerTypesFed(feed: string): string[] {
  return triggerDeclarations.filter((d) => d.feeds?.includes(feed)).map((d) => d.node.type);
}

/** A graph's trigger node with its declaration and position, or undefined when it has none. */
export function triggerNodeOf(graph: {
  nodes: readonly TriggerGraphNode[];
}): { node: TriggerGraphNode; index: number; trigger: TriggerDeclaration } | undefined {
  for (const [index, node] of graph.nodes.entries()) {
    const trigger = lookupTrigger(node.type);
    if (trigger) return { node, index, trigger };
  }
  return undefined;
}
