import {
  connectionIdOf,
  connectionTypes,
  type FlowGraph,
  type GraphIssue,
} from '@paybridge/engine';
import { lookupSpec } from '@paybridge/nodes/definitions';
import { triggerConnectionRefs } from '../flows/trigger-connections';

/** A connection a flow names: which node, where in the graph, and the types it accepts. */
export interface ConnectionRef {
  nodeId: string;
  connectionId: string;
  /** Path into the graph, as validation issues use. */
  path: (string | number)[];
  types: readonly string[];
}

/**
 * Every connection a graph names: the field a node spec declares (`http.request`'s
 * `connectionId`) and the secrets of REST trigger authentication, nested in `auth`.
 */
export function connectionRefs(graph: FlowGraph): ConnectionRef[] {
  const refs: ConnectionRef[] = [];
  graph.nodes.forEach((node, index) => {
    const spec = lookupSpec(node.type, node.typeVersion)?.connection;
    const connectionId = spec ? connectionIdOf(node, spec) : undefined;
    if (!spec || !connectionId) return;
    const path = ['nodes', index, 'config', spec.field];
    refs.push({ nodeId: node.id, connectionId, path, types: connectionTypes(spec) });
  });
  for (const ref of triggerConnectionRefs(graph)) {
    refs.push({
      nodeId: ref.nodeId,
      connectionId: ref.connectionId,
      path: ref.path,
      types: [ref.type],
    });
  }
  return refs;
}

/**
 * Issues for references to connections that do not exist (`CONNECTION_NOT_FOUND`) or have a type
 * the node does not accept (`CONNECTION_INVALID`), given the live connections' types by id.
 */
export function connectionIssues(
  refs: readonly ConnectionRef[],
  typesById: ReadonlyMap<string, string>,
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const { path, nodeId, connectionId: id, types } of refs) {
    const type = typesById.get(id);
    if (type === undefined) {
      issues.push({
        path,
        code: 'CONNECTION_NOT_FOUND',
        message: `No connection with id ${id}`,
        nodeId,
      });
    } else if (!types.includes(type)) {
      issues.push({
        path,
        code: 'CONNECTION_INVALID',
        message: `Connection ${id} is a ${type} connection; this node needs ${types.join(' or ')}`,
        nodeId,
      });
    }
  }
  return issues;
}
