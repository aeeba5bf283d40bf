import type { FlowGraph } from '@paybridge/engine';
import { lookupTrigger } from '@paybridge/nodes/definitions';

/**
 * Warnings about how a flow's triggers can be reached, for the flow API to return beside a saved
 * or fetched flow, as each trigger kind declares them (an unauthenticated REST endpoint, say).
 *
 * @example
 * triggerWarnings(graph);
 * // ['REST trigger "trigger" (/hooks/orders) accepts requests without authentication: ...']
 */
export function triggerWarnings(graph: FlowGraph): string[] {
  return graph.nodes.flatMap((node) => lookupTrigger(node.type)?.warnings?.(node) ?? []);
}
