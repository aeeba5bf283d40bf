import { graphWarnings, validateGraph, type FlowGraph, type GraphIssue } from '@paybridge/engine';
import {
  labelIssues,
  lookupSpec,
  readableIssueMessage,
  type FlowProblem,
  type LabelledType,
} from '@paybridge/nodes/definitions';
import type { NodeIssue } from '../store/flow-types';

/**
 * Problems found in a flow: per node (for cards and forms) and for the flow as a whole. Node
 * lists hold errors and warnings (`severity`); `count` counts errors only, since a flow with
 * warnings still saves and runs. `warnings` are the warnings' messages, for the flow panel.
 */
export interface FlowIssues {
  byNode: Record<string, NodeIssue[]>;
  flow: string[];
  count: number;
  warnings: string[];
  /** Every error in words, node by label and field by title, as the runtime says them. */
  problems: FlowProblem[];
}

/**
 * Validates with the very function and node schemas the runtime uses on save, so what the canvas
 * marks is what a save would refuse. Types the runtime knows but this build does not bundle yet
 * (a connector added after it was built) are left for the server to check on save.
 */
export function validateFlow(
  graph: FlowGraph,
  knownTypes: ReadonlySet<string>,
  typeOf: (type: string, version: number) => LabelledType | undefined = () => undefined,
): FlowIssues {
  const result = validateGraph(graph, lookupSpec);
  const byNode: Record<string, NodeIssue[]> = {};
  const flow: string[] = [];
  if (result.ok) {
    // The runtime gives the same warnings on validate and activate; here they show while editing.
    const warnings = graphWarnings(result.graph, lookupSpec);
    for (const w of warnings) {
      if (!w.nodeId) continue;
      (byNode[w.nodeId] ??= []).push({
        path: [],
        message: w.message,
        code: w.code,
        severity: 'warning',
      });
    }
    return { byNode, flow, count: 0, warnings: warnings.map((w) => w.message), problems: [] };
  }
  let count = 0;
  const counted: GraphIssue[] = [];
  for (const issue of result.errors) {
    const nodeIndex = issue.path[0] === 'nodes' ? issue.path[1] : undefined;
    const node = typeof nodeIndex === 'number' ? graph.nodes[nodeIndex] : undefined;
    if (issue.code === 'UNKNOWN_NODE_TYPE' && node && knownTypes.has(node.type)) continue;
    count++;
    counted.push(issue);
    const nodeId = issue.nodeId ?? node?.id;
    if (!nodeId) {
      flow.push(describeFlowIssue(issue, graph));
      continue;
    }
    const configPath = issue.path[2] === 'config' ? issue.path.slice(3) : [];
    (byNode[nodeId] ??= []).push({
      path: configPath,
      message: readable(issue.message),
      code: issue.code,
      severity: 'error',
    });
  }
  const problems = labelIssues(counted, graph.nodes, typeOf);
  return { byNode, flow, count, warnings: [], problems };
}

function describeFlowIssue(issue: GraphIssue, graph: FlowGraph): string {
  if (issue.path[0] === 'edges' && typeof issue.path[1] === 'number') {
    const edge = graph.edges[issue.path[1]];
    if (edge) return `Edge ${edge.from.node} → ${edge.to.node}: ${issue.message}`;
  }
  return issue.message;
}

/** Issues whose config path starts with `path`, for a form field and its children. */
export function issuesAt(
  issues: readonly NodeIssue[] | undefined,
  path: readonly (string | number)[],
) {
  return (issues ?? []).filter(
    (i) => i.path.length >= path.length && path.every((key, n) => i.path[n] === key),
  );
}

/** zod's "expected string, received undefined" means the field is simply missing. */
function readable(message: string): string {
  const said = readableIssueMessage(message);
  return said === 'required' ? 'Required' : said;
}
