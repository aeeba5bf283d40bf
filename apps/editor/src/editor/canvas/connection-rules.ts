/** A proposed edge between two ports. */
export interface ProposedEdge {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

interface GraphView {
  edges: readonly {
    source: string;
    sourceHandle?: string | null;
    target: string;
    targetHandle?: string | null;
  }[];
  /** Input and output ports of a node; undefined for a node that does not exist. */
  portsOf(nodeId: string): { inputs: readonly string[]; outputs: readonly string[] } | undefined;
}

/**
 * Why an edge cannot be drawn, or null when it can. Mirrors what the runtime refuses on save
 * (unknown ports, triggers with inputs, duplicates, cycles) so the canvas says no at once, with
 * the reason, instead of a save failing later.
 */
export function connectionProblem(edge: ProposedEdge, graph: GraphView): string | null {
  if (edge.source === edge.target) return 'A node cannot connect to itself';
  const from = graph.portsOf(edge.source);
  const to = graph.portsOf(edge.target);
  if (!from || !to) return 'That node no longer exists';
  if (to.inputs.length === 0) return 'Triggers start a flow: nothing can connect into them';
  if (!from.outputs.includes(edge.sourcePort)) return `"${edge.sourcePort}" is not an output`;
  if (!to.inputs.includes(edge.targetPort)) return `"${edge.targetPort}" is not an input`;
  const duplicate = graph.edges.some(
    (e) =>
      e.source === edge.source &&
      (e.sourceHandle ?? 'out') === edge.sourcePort &&
      e.target === edge.target &&
      (e.targetHandle ?? 'in') === edge.targetPort,
  );
  if (duplicate) return 'These ports are already connected';
  if (reaches(edge.target, edge.source, graph.edges)) {
    return 'This would make a loop: flows run forward only';
  }
  return null;
}

function reaches(
  from: string,
  to: string,
  edges: readonly { source: string; target: string }[],
): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
