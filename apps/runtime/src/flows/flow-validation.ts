import { validateGraph, type FlowGraph, type GraphIssue } from '@paybridge/engine';
import { lookupSpec } from '@paybridge/nodes/definitions';
import type { ConnectionStore } from '../connections/connection-store';
import { ApiError } from '../http/api-error';
import type { TriggerInfo } from '../db/queries/flows';
import { enableRegistrations } from './trigger-activation';

/**
 * Validates a graph the way every save does and derives what ingress needs from it. Invalid
 * graphs are refused with 422 and every field-level issue, so the editor can mark each one.
 */
export function validateForSave(graph: unknown): { graph: FlowGraph; trigger: TriggerInfo } {
  const result = validateGraph(graph, lookupSpec);
  if (!result.ok) throw invalidGraph(result.errors);
  return { graph: result.graph, trigger: triggerOf(result.graph) };
}

/**
 * The save-time check the engine cannot make: every connection the graph's nodes name exists and
 * has a type the node accepts. Refuses with 422 and one issue per node, like `validateForSave`;
 * call it after that (on a valid graph).
 */
export async function checkConnectionsForSave(
  graph: FlowGraph,
  connections: Pick<ConnectionStore, 'checkConnectionsExist'>,
): Promise<void> {
  const issues = await connections.checkConnectionsExist(graph);
  if (issues.length > 0) throw invalidGraph(issues);
}

export function invalidGraph(issues: GraphIssue[]): ApiError {
  const first = issues[0];
  const where = first ? ` (${first.path.join('.') || 'graph'}: ${first.message})` : '';
  return new ApiError(422, 'FLOW_INVALID', `The flow has ${issues.length} problem(s)${where}`, {
    issues,
  });
}

/**
 * The single trigger node of a valid graph, reduced to its type and the endpoint key (a REST
 * path) its `onEnable` claims when the version goes live.
 */
export function triggerOf(graph: FlowGraph): TriggerInfo {
  for (const node of graph.nodes) {
    const spec = lookupSpec(node.type, node.typeVersion);
    if (spec?.kind !== 'trigger') continue;
    return { type: node.type, path: enableRegistrations(graph).endpointKey };
  }
  throw new ApiError(422, 'FLOW_INVALID', 'The flow has no trigger node');
}
