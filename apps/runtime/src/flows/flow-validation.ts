import { FlowGraph, validateGraph, type GraphIssue } from '@paybridge/engine';
import {
  labelIssues,
  labelledType,
  lookupSpec,
  type FlowProblem,
} from '@paybridge/nodes/definitions';
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
  if (!result.ok) throw invalidGraph(result.errors, graph);
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
  if (issues.length > 0) throw invalidGraph(issues, graph);
}

/** The graph's issues in words: each node by its label, each field by its title. */
export function problemsOf(issues: readonly GraphIssue[], graph: unknown): FlowProblem[] {
  const raw = FlowGraph.safeParse(graph);
  const nodes = raw.success ? raw.data.nodes : [];
  return labelIssues(issues, nodes, labelledType);
}

/**
 * A 422 listing every problem by node label and field title (`details.problems`), beside the
 * raw issues with their paths (`details.issues`) for programs that mark fields.
 */
export function invalidGraph(issues: GraphIssue[], graph?: unknown): ApiError {
  const problems = problemsOf(issues, graph);
  const shown = problems.slice(0, 3).map((p) => p.text);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new ApiError(422, 'FLOW_INVALID', `The flow has ${count}: ${shown.join('; ')}${more}`, {
    issues,
    problems,
  });
}

/** Issues that leave no graph to keep: the JSON shape itself, ids clashing, edges to nowhere. */
const SHAPE_CODES = new Set(['GRAPH_INVALID', 'DUPLICATE_NODE_ID', 'DANGLING_EDGE']);

/**
 * Validates a graph saved as a draft: it must be a graph (nodes and edges of the right shape,
 * unique ids, edges between its nodes), but may have any other problem (a required field empty,
 * a missing connection, no trigger yet), as n8n and Make save work in progress. Returns those
 * problems, which activation and runs refuse (`validateForSave`).
 */
export async function validateForDraft(
  input: unknown,
  connections: Pick<ConnectionStore, 'checkConnectionsExist'>,
): Promise<{ graph: FlowGraph; trigger: TriggerInfo; problems: FlowProblem[] }> {
  const result = validateGraph(input, lookupSpec);
  if (result.ok) {
    await checkConnectionsForSave(result.graph, connections);
    return { graph: result.graph, trigger: triggerOf(result.graph), problems: [] };
  }
  const parsed = FlowGraph.safeParse(input);
  const shape = result.errors.filter((i) => SHAPE_CODES.has(i.code));
  if (!parsed.success || shape.length > 0)
    throw invalidGraph(shape.length ? shape : result.errors, input);
  const graph = parsed.data;
  const issues = [...result.errors, ...(await connections.checkConnectionsExist(graph))];
  return { graph, trigger: draftTrigger(graph), problems: problemsOf(issues, graph) };
}

/**
 * The problems of a saved graph (none for a valid one): what the flow API lists beside a draft.
 */
export async function graphProblems(
  graph: FlowGraph,
  connections: Pick<ConnectionStore, 'checkConnectionsExist'>,
): Promise<FlowProblem[]> {
  const result = validateGraph(graph, lookupSpec);
  const issues = result.ok ? [] : result.errors;
  issues.push(...(await connections.checkConnectionsExist(graph)));
  return problemsOf(issues, graph);
}

/** What a draft would claim: its trigger node's type (empty without one) and, if it tells, path. */
function draftTrigger(graph: FlowGraph): TriggerInfo {
  const node = graph.nodes.find((n) => lookupSpec(n.type, n.typeVersion)?.kind === 'trigger');
  if (!node) return { type: '', path: null };
  let path: string | null = null;
  try {
    path = enableRegistrations(graph).endpointKey;
  } catch {
    // An unfinished trigger config claims nothing yet; activation validates it first.
  }
  return { type: node.type, path };
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
