import type { FlowGraph } from '@paybridge/engine';
import { lookupTrigger, type TriggerConnectionRef } from '@paybridge/nodes/definitions';

/**
 * The connections a graph's triggers name inside their settings (a REST trigger's `auth`), as
 * each trigger kind declares them. They sit where a node spec's `connection` cannot describe
 * them, so the save-time existence check needs them listed separately.
 */
export function triggerConnectionRefs(graph: FlowGraph): TriggerConnectionRef[] {
  return graph.nodes.flatMap(
    (node, index) => lookupTrigger(node.type)?.connectionRefs?.(node, index) ?? [],
  );
}
