import type { FlowGraph, NodeInstance } from '@paybridge/engine';
import { previewExpression, type PreviewScope } from './preview';
import type { DataOrigin } from './path-writer';

/** One place data can be dragged from in the mapping editor. */
export interface DataSource {
  origin: DataOrigin;
  title: string;
  value: unknown;
  /**
   * Where the value comes from: a real run, the pinned sample, computed from it here, or an
   * example of the shape the node declares (no run or sample reaches it yet).
   */
  provenance: 'run' | 'sample' | 'computed' | 'schema' | 'none';
  /**
   * Set when a run is shown and this node did not run in it (the run went another way at a
   * branch, or stopped before it): its data is an example, not what the run passed on.
   */
  unreached?: true;
}

/** What the sample data at a node looks like, and the sources to drag from. */
export interface NodeScope {
  scope: PreviewScope;
  sources: DataSource[];
  /** The node whose output is this node's input, when there is one. */
  inputFrom: string | null;
}

function upstreamOrder(graph: FlowGraph, nodeId: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges)
    incoming.set(e.to.node, [...(incoming.get(e.to.node) ?? []), e.from.node]);
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const p of incoming.get(id) ?? []) visit(p);
    order.push(id);
  };
  for (const p of incoming.get(nodeId) ?? []) visit(p);
  return order;
}

/**
 * The node whose output is `id`'s input. Where several wires lead in (a merge after a branch),
 * the one the run shown took: from a node that ran, on the port it left by, the first of them to
 * have run (`ran` is in run order), as the engine hands over the first input to arrive. Without
 * a run there: the first wire from a node with data, else the first wire.
 */
function inputSourceOf(
  graph: FlowGraph,
  id: string,
  outputs: Record<string, unknown>,
  ran: readonly string[],
  runPorts: Record<string, string | null>,
): string | null {
  const wires = graph.edges.filter((e) => e.to.node === id);
  const taken = wires
    .filter((e) => ran.includes(e.from.node))
    .filter((e) => !(e.from.node in runPorts) || runPorts[e.from.node] === e.from.port)
    .sort((a, b) => ran.indexOf(a.from.node) - ran.indexOf(b.from.node));
  const wire = taken[0] ?? wires.find((e) => outputs[e.from.node] !== undefined) ?? wires[0];
  return wire?.from.node ?? null;
}

/**
 * The data visible at a node: for every node upstream, its output from the last run shown on
 * the canvas when there is one (real data), else the trigger's pinned sample, else what map
 * and branch nodes would make of it, computed here with the engine's own JSONata, else an
 * example of the output the node type declares (`outputExample`), so that nodes after a
 * connector (whose answer only a run knows) still have fields to map. The node's input is the
 * output of the node before it, on the way the run shown took where several lead in
 * (`runPorts`: the port each node of that run left by).
 */
export async function computeNodeScope(
  graph: FlowGraph,
  nodeId: string,
  runOutputs: Record<string, unknown>,
  triggerSample: unknown,
  outputExample: (node: NodeInstance) => unknown = () => undefined,
  runPorts: Record<string, string | null> = {},
): Promise<NodeScope> {
  const ran = Object.keys(runOutputs);
  const order = upstreamOrder(graph, nodeId);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const outputs: Record<string, unknown> = {};
  const provenance: Record<string, DataSource['provenance']> = {};
  const triggerNode = graph.nodes.find((n) => n.type.startsWith('trigger.') || order[0] === n.id);
  let trigger: unknown = undefined;
  for (const id of order) {
    const node = byId.get(id);
    if (!node) continue;
    if (id in runOutputs) {
      outputs[id] = runOutputs[id];
      provenance[id] = 'run';
    } else if (node.type.startsWith('trigger.') || id === triggerNode?.id) {
      outputs[id] = triggerSample;
      provenance[id] = triggerSample === undefined ? 'none' : 'sample';
    } else {
      const from = inputSourceOf(graph, id, outputs, ran, runPorts);
      const input = from ? outputs[from] : undefined;
      if (
        input !== undefined &&
        node.type === 'map' &&
        typeof node.config.expression === 'string'
      ) {
        const result = await previewExpression(node.config.expression, {
          input,
          trigger,
          nodes: outputs,
        });
        outputs[id] = result.ok ? result.value : undefined;
      } else if (input !== undefined && node.type === 'branch') outputs[id] = input;
      provenance[id] = outputs[id] === undefined ? 'none' : 'computed';
    }
    if (outputs[id] === undefined) {
      outputs[id] = outputExample(node);
      if (outputs[id] !== undefined) provenance[id] = 'schema';
    }
    if (node.type.startsWith('trigger.')) trigger = outputs[id];
  }
  const inputFrom = inputSourceOf(graph, nodeId, outputs, ran, runPorts);
  const input = inputFrom ? outputs[inputFrom] : undefined;
  const sources: DataSource[] = [];
  const unreached = (id: string) =>
    ran.length > 0 && !(id in runOutputs) ? { unreached: true as const } : {};
  if (inputFrom) {
    sources.push({
      origin: { kind: 'input' },
      title: `Input (from ${inputFrom})`,
      value: input,
      provenance: provenance[inputFrom] ?? 'none',
      ...unreached(inputFrom),
    });
  }
  for (const id of [...order].reverse()) {
    if (id === inputFrom) continue;
    const node = byId.get(id);
    const isTrigger = node?.type.startsWith('trigger.');
    sources.push({
      origin: isTrigger ? { kind: 'trigger' } : { kind: 'node', nodeId: id },
      title: isTrigger ? `$trigger (${id})` : `$node("${id}")`,
      value: outputs[id],
      provenance: provenance[id] ?? 'none',
      ...unreached(id),
    });
  }
  return { scope: { input, trigger, nodes: outputs }, sources, inputFrom };
}
