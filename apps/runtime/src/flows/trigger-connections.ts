import type { FlowGraph } from '@paybridge/engine';
import { RestTriggerSecurity, TRIGGER_AUTH_CONNECTION_TYPES } from '@paybridge/nodes/definitions';

/** A connection a REST trigger's authentication names, and where in the graph it does. */
export interface TriggerConnectionRef {
  nodeId: string;
  connectionId: string;
  /** Path into the graph, as validation issues use: `['nodes', i, 'config', 'auth', 'connectionId']`. */
  path: (string | number)[];
  /** The connection type the method needs. */
  type: string;
}

/**
 * The connections named by REST trigger authentication. They sit inside `auth`, not in a
 * top-level field a node spec's `connection` can describe, so the save-time existence check
 * needs them listed separately; the worker never resolves them (only ingress does).
 */
export function triggerConnectionRefs(graph: FlowGraph): TriggerConnectionRef[] {
  const refs: TriggerConnectionRef[] = [];
  graph.nodes.forEach((node, index) => {
    if (node.type !== 'trigger.rest') return;
    const parsed = RestTriggerSecurity.safeParse(node.config);
    if (!parsed.success || parsed.data.auth.type === 'none') return;
    const { auth } = parsed.data;
    refs.push({
      nodeId: node.id,
      connectionId: auth.connectionId,
      path: ['nodes', index, 'config', 'auth', 'connectionId'],
      type: TRIGGER_AUTH_CONNECTION_TYPES[auth.type],
    });
  });
  return refs;
}
