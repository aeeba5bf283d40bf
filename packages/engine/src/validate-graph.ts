import { z } from 'zod';
import { findConfigExpressions, type ConfigPath } from './config-expressions';
import { checkExpression } from './expressions';
import { DECLINED_PORT, Edge, ERROR_PORT, FlowGraph, NodeInstance } from './flow-graph';
import type { NodePorts, NodeSpec, SpecLookup } from './node-spec';
import { checkConnectionField } from './check-connection-field';
import { fanOutIssues } from './fan-out';
import { parseNodeConfig, resolvePorts } from './spec-helpers';

/**
 * One problem in a flow, addressed by a path into the saved JSON so the editor can put the
 * message on the very field (`['nodes', 2, 'config', 'url']`) or edge (`['edges', 4]`).
 */
export const GraphIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** Stable code, one of `GraphIssueCode` for issues the engine finds. */
  code: z.string(),
  message: z.string(),
  /** The node the issue is about, when there is one. */
  nodeId: z.string().optional(),
});
export type GraphIssue = z.infer<typeof GraphIssue>;

export type GraphIssueCode =
  | 'GRAPH_INVALID'
  | 'DUPLICATE_NODE_ID'
  | 'UNKNOWN_NODE_TYPE'
  | 'CONFIG_INVALID'
  | 'CONNECTION_INVALID'
  | 'EXPRESSION_SYNTAX'
  | 'DANGLING_EDGE'
  | 'UNKNOWN_PORT'
  | 'DUPLICATE_EDGE'
  | 'TRIGGER_HAS_INPUT'
  | 'MISSING_TRIGGER'
  | 'MULTIPLE_TRIGGERS'
  | 'CYCLE'
  | 'FAN_OUT_BODY';

export type ValidateGraphResult =
  { ok: true; graph: FlowGraph } | { ok: false; errors: GraphIssue[] };

interface PlacedNode {
  node: NodeInstance;
  index: number;
  spec: NodeSpec<unknown> | undefined;
  /** Undefined when unknown: no spec, or ports depend on a config that did not parse. */
  ports: NodePorts | undefined;
}

function issue(
  code: GraphIssueCode,
  path: (string | number)[],
  message: string,
  nodeId?: string,
): GraphIssue {
  return nodeId === undefined ? { path, code, message } : { path, code, message, nodeId };
}

function isPrefix(prefix: ConfigPath, path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => key === path[i]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Id of the raw node at `nodes[i]`, if the path points into one and it has a string id. */
function rawNodeId(graph: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || !isRecord(graph)) return undefined;
  const nodes = graph.nodes;
  const node = Array.isArray(nodes) ? (nodes[path[1]] as unknown) : undefined;
  return isRecord(node) && typeof node.id === 'string' ? node.id : undefined;
}

/**
 * Checks a flow before it is saved (and before it runs), returning every problem at once so the
 * editor can mark them all. Config expressions (`=…`) are resolved only at run time, so they are
 * checked for JSONata syntax here and exempt from the config schema; everything else the node
 * type's zod schema decides, field by field.
 *
 * When the JSON shape itself is broken, the nodes and edges that do parse are still checked,
 * but checks that could be fooled by the missing parts (a missing trigger, dangling edges to a
 * node that failed to parse) are left out.
 */
export function validateGraph(graph: unknown, lookupSpec: SpecLookup): ValidateGraphResult {
  const issues: GraphIssue[] = [];
  const parsed = FlowGraph.safeParse(graph);
  let nodeEntries: { node: NodeInstance; index: number }[];
  let edgeEntries: { edge: Edge; index: number }[];
  const rawIds = new Set<string>();

  if (parsed.success) {
    nodeEntries = parsed.data.nodes.map((node, index) => ({ node, index }));
    edgeEntries = parsed.data.edges.map((edge, index) => ({ edge, index }));
  } else {
    for (const zodIssue of parsed.error.issues) {
      const path = zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key)));
      issues.push(issue('GRAPH_INVALID', path, zodIssue.message, rawNodeId(graph, zodIssue.path)));
    }
    const raw = isRecord(graph) ? graph : {};
    if (!Array.isArray(raw.nodes) || !Array.isArray(raw.edges))
      return { ok: false, errors: issues };
    if (raw.nodes.length > 1000 || raw.edges.length > 5000) return { ok: false, errors: issues };
    nodeEntries = [];
    raw.nodes.forEach((value: unknown, index) => {
      if (isRecord(value) && typeof value.id === 'string') rawIds.add(value.id);
      const node = NodeInstance.safeParse(value);
      if (node.success) nodeEntries.push({ node: node.data, index });
    });
    edgeEntries = [];
    raw.edges.forEach((value: unknown, index) => {
      const edge = Edge.safeParse(value);
      if (edge.success) edgeEntries.push({ edge: edge.data, index });
    });
  }
  const complete = parsed.success;

  // Nodes: unique ids, known types, valid config, expression syntax.
  const placed: PlacedNode[] = [];
  const byId = new Map<string, PlacedNode>();
  for (const { node, index } of nodeEntries) {
    if (byId.has(node.id)) {
      issues.push(
        issue(
          'DUPLICATE_NODE_ID',
          ['nodes', index, 'id'],
          `Node id "${node.id}" is used more than once`,
          node.id,
        ),
      );
    }
    const spec = lookupSpec(node.type, node.typeVersion);
    let ports: NodePorts | undefined;
    if (!spec) {
      issues.push(
        issue(
          'UNKNOWN_NODE_TYPE',
          ['nodes', index, 'type'],
          `Unknown node type "${node.type}" version ${node.typeVersion}`,
          node.id,
        ),
      );
    } else {
      const config = checkConfig(node, index, spec, issues);
      const problem = checkConnectionField(node, spec);
      const path = ['nodes', index, 'config', spec.connection?.field ?? ''];
      const reported = issues.some((i) => i.path.join('\u0000') === path.join('\u0000'));
      if (problem && !reported) issues.push(issue('CONNECTION_INVALID', path, problem, node.id));
      if (typeof spec.ports !== 'function') ports = spec.ports;
      else if (config.ok) ports = resolvePorts(spec, config.data);
    }
    const entry: PlacedNode = { node, index, spec, ports };
    placed.push(entry);
    if (!byId.has(node.id)) byId.set(node.id, entry);
  }

  // Edges: endpoints exist, ports exist, no duplicates, nothing flows into a trigger.
  const edgeKeys = new Set<string>();
  const adjacency = new Map<string, string[]>();
  for (const { edge, index } of edgeEntries) {
    const from = byId.get(edge.from.node);
    const to = byId.get(edge.to.node);
    if (!from && !rawIds.has(edge.from.node)) {
      issues.push(
        issue(
          'DANGLING_EDGE',
          ['edges', index, 'from', 'node'],
          `Edge starts at unknown node "${edge.from.node}"`,
        ),
      );
    }
    if (!to && !rawIds.has(edge.to.node)) {
      issues.push(
        issue(
          'DANGLING_EDGE',
          ['edges', index, 'to', 'node'],
          `Edge ends at unknown node "${edge.to.node}"`,
        ),
      );
    }
    const key = JSON.stringify([edge.from.node, edge.from.port, edge.to.node, edge.to.port]);
    if (edgeKeys.has(key)) {
      issues.push(
        issue(
          'DUPLICATE_EDGE',
          ['edges', index],
          `Edge ${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port} appears more than once`,
          edge.from.node,
        ),
      );
      continue;
    }
    edgeKeys.add(key);
    if (from?.ports && !from.ports.outputs.includes(edge.from.port)) {
      issues.push(
        issue(
          'UNKNOWN_PORT',
          ['edges', index, 'from', 'port'],
          `Node "${from.node.id}" has no output port "${edge.from.port}" (it has: ${listPorts(from.ports.outputs)})`,
          from.node.id,
        ),
      );
    }
    if (to?.spec?.kind === 'trigger') {
      issues.push(
        issue(
          'TRIGGER_HAS_INPUT',
          ['edges', index, 'to', 'node'],
          `Trigger "${to.node.id}" starts the flow and cannot receive an edge`,
          to.node.id,
        ),
      );
    } else if (to?.ports && !to.ports.inputs.includes(edge.to.port)) {
      issues.push(
        issue(
          'UNKNOWN_PORT',
          ['edges', index, 'to', 'port'],
          `Node "${to.node.id}" has no input port "${edge.to.port}" (it has: ${listPorts(to.ports.inputs)})`,
          to.node.id,
        ),
      );
    }
    if (from && to) {
      const targets = adjacency.get(from.node.id) ?? [];
      targets.push(to.node.id);
      adjacency.set(from.node.id, targets);
    }
  }

  // Exactly one trigger.
  const triggers = placed.filter((p) => p.spec?.kind === 'trigger');
  if (triggers.length === 0) {
    // A node that failed to parse or has an unknown type may well be the trigger.
    const allKnown = complete && placed.every((p) => p.spec !== undefined);
    if (allKnown) {
      issues.push(issue('MISSING_TRIGGER', ['nodes'], 'The flow needs a trigger node to start it'));
    }
  }
  for (const extra of triggers.slice(1)) {
    issues.push(
      issue(
        'MULTIPLE_TRIGGERS',
        ['nodes', extra.index],
        `A flow has exactly one trigger; "${triggers[0]?.node.id}" already starts this one`,
        extra.node.id,
      ),
    );
  }

  for (const cycle of findCycles([...byId.keys()], adjacency)) {
    const start = cycle[0] as string;
    const entry = byId.get(start) as PlacedNode;
    issues.push(
      issue(
        'CYCLE',
        ['nodes', entry.index],
        `Nodes form a cycle: ${[...cycle, start].join(' → ')}`,
        start,
      ),
    );
  }

  if (issues.length === 0 && parsed.success) issues.push(...fanOutIssues(parsed.data, lookupSpec));
  if (issues.length > 0 || !parsed.success) return { ok: false, errors: issues };
  return { ok: true, graph: parsed.data };
}

/** Codes of warnings: things that save and run, but probably not the way the author means. */
export type GraphWarningCode = 'DECLINED_PORT_UNWIRED' | 'ERROR_PORT_UNWIRED';

/**
 * Warnings about a flow that validates: payment nodes (those with a `declined` port) whose
 * `declined` or `error` port leads nowhere. Such a flow runs, but a declined payment then ends the
 * run as `declined` and a failed one ends it in the dead-letter queue, with nothing done about
 * the order; the author should see that before activating it, not after the first decline.
 * Nodes whose ports cannot be known (unknown type, invalid config) are left to validation.
 */
export function graphWarnings(graph: FlowGraph, lookupSpec: SpecLookup): GraphIssue[] {
  const warnings: GraphIssue[] = [];
  graph.nodes.forEach((node, index) => {
    const spec = lookupSpec(node.type, node.typeVersion);
    if (!spec) return;
    let ports: NodePorts | undefined;
    if (typeof spec.ports !== 'function') ports = spec.ports;
    else {
      const config = parseNodeConfig(spec, node.config);
      ports = config.success ? resolvePorts(spec, config.data) : undefined;
    }
    if (!ports?.outputs.includes(DECLINED_PORT)) return;
    const wired = (port: string) =>
      graph.edges.some((e) => e.from.node === node.id && e.from.port === port);
    if (!wired(DECLINED_PORT)) {
      warnings.push({
        path: ['nodes', index],
        code: 'DECLINED_PORT_UNWIRED' satisfies GraphWarningCode,
        message: `Payment node "${node.id}" has nothing connected to its "declined" port: a declined payment ends the run as declined and nothing else happens (no tag, no note, no notification). Connect "declined" to handle it.`,
        nodeId: node.id,
      });
    }
    if (ports.outputs.includes(ERROR_PORT) && !wired(ERROR_PORT)) {
      warnings.push({
        path: ['nodes', index],
        code: 'ERROR_PORT_UNWIRED' satisfies GraphWarningCode,
        message: `Payment node "${node.id}" has nothing connected to its "error" port: a payment that fails ends the run as failed in the dead-letter queue. Connect "error" to handle failures in the flow.`,
        nodeId: node.id,
      });
    }
  });
  return warnings;
}

function listPorts(ports: readonly string[]): string {
  return ports.length === 0 ? 'none' : ports.map((p) => `"${p}"`).join(', ');
}

/**
 * Validates one node's config. Expression values get a syntax check instead of the schema;
 * schema issues located at (or inside) an expression are dropped, since its value is unknown
 * until the run. Raw expression fields are the schema's business entirely.
 */
function checkConfig(
  node: NodeInstance,
  index: number,
  spec: NodeSpec<unknown>,
  issues: GraphIssue[],
): { ok: true; data: unknown } | { ok: false } {
  const expressions = findConfigExpressions(node.config, spec.rawExpressionFields);
  for (const expression of expressions) {
    const check = checkExpression(expression.source);
    if (!check.ok) {
      issues.push(
        issue(
          'EXPRESSION_SYNTAX',
          ['nodes', index, 'config', ...expression.path],
          `Invalid expression: ${check.message}`,
          node.id,
        ),
      );
    }
  }
  const result = parseNodeConfig(spec, node.config);
  if (result.success) return { ok: true, data: result.data };
  for (const configIssue of result.issues) {
    if (expressions.some((e) => isPrefix(e.path, configIssue.path))) continue;
    issues.push(
      issue(
        'CONFIG_INVALID',
        ['nodes', index, 'config', ...configIssue.path],
        configIssue.message,
        node.id,
      ),
    );
  }
  return { ok: false };
}

/**
 * Cycles in the graph, one per strongly connected component (Tarjan), each given as a concrete
 * loop of node ids starting from the component's first node in graph order.
 */
function findCycles(ids: string[], adjacency: Map<string, string[]>): string[][] {
  const order = new Map(ids.map((id, i) => [id, i]));
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;

  const connect = (v: string): void => {
    indexOf.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of adjacency.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const id of ids) if (!indexOf.has(id)) connect(id);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort(
      (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
    )[0] as string;
    const selfLoop = (adjacency.get(start) ?? []).includes(start);
    if (component.length === 1 && !selfLoop) continue;
    cycles.push(selfLoop ? [start] : loopThrough(start, members, adjacency));
  }
  cycles.sort((a, b) => (order.get(a[0] as string) ?? 0) - (order.get(b[0] as string) ?? 0));
  return cycles;
}

/** Shortest loop from `start` back to itself within one strongly connected component (BFS). */
function loopThrough(
  start: string,
  members: Set<string>,
  adjacency: Map<string, string[]>,
): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as string;
    for (const w of adjacency.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0] as string) as string);
        return path;
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}
