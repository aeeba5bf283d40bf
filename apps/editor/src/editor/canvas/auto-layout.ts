import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { XYPosition } from '@xyflow/react';

/** A node to place: its size when drawn (else a card's usual size) and its port names in order. */
export interface LayoutNode {
  id: string;
  width?: number | undefined;
  height?: number | undefined;
  inputs?: readonly string[];
  outputs?: readonly string[];
}

/** An edge between ports, as the canvas holds it (`sourceHandle` is the output port's name). */
export interface LayoutEdge {
  source: string;
  target: string;
  sourceHandle?: string | null | undefined;
  targetHandle?: string | null | undefined;
}

/** A card's size before React Flow has measured it. */
export const DEFAULT_NODE_SIZE = { width: 240, height: 96 };

const elk = new ELK();

const portId = (node: string, side: 'in' | 'out', port: string) =>
  `${node}\u0000${side}\u0000${port}`;

/**
 * Left-to-right layered layout (ELK's Sugiyama "layered" algorithm): the trigger on the left,
 * each step a column further, crossings kept low. Ports are fixed in the order the node declares
 * them, outputs on the right from top to bottom (approved, declined, error; a branch's rules in
 * order), so the edges of a branch fan out in that order instead of crossing. Returns top-left
 * positions, as React Flow places nodes.
 */
export async function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Promise<Record<string, XYPosition>> {
  const known = new Map(nodes.map((n) => [n.id, n]));
  const usedPorts = new Map<string, { inputs: Set<string>; outputs: Set<string> }>();
  const portsOf = (id: string) => {
    let ports = usedPorts.get(id);
    if (!ports) usedPorts.set(id, (ports = { inputs: new Set(), outputs: new Set() }));
    return ports;
  };
  const elkEdges: NonNullable<ElkNode['edges']> = [];
  edges.forEach((e, i) => {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) return;
    const from = e.sourceHandle ?? undefined;
    const to = e.targetHandle ?? undefined;
    if (from) portsOf(e.source).outputs.add(from);
    if (to) portsOf(e.target).inputs.add(to);
    elkEdges.push({
      id: `e${i}`,
      sources: [from ? portId(e.source, 'out', from) : e.source],
      targets: [to ? portId(e.target, 'in', to) : e.target],
    });
  });
  const graph: ElkNode = {
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'SPLINES',
      'elk.spacing.nodeNode': '48',
      'elk.spacing.componentComponent': '80',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.spacing.edgeNodeBetweenLayers': '32',
      'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
    },
    children: nodes.map((n) => {
      const used = usedPorts.get(n.id);
      // Declared ports in their order, then any port an edge names that the node does not declare.
      const outputs = [...new Set([...(n.outputs ?? []), ...(used?.outputs ?? [])])];
      const inputs = [...new Set([...(n.inputs ?? []), ...(used?.inputs ?? [])])];
      return {
        id: n.id,
        width: n.width ?? DEFAULT_NODE_SIZE.width,
        height: n.height ?? DEFAULT_NODE_SIZE.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          // ELK counts port indices clockwise: east side top to bottom, west side bottom to top.
          ...outputs.map((p, i) => ({
            id: portId(n.id, 'out', p),
            width: 1,
            height: 1,
            layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
          })),
          ...inputs.map((p, i) => ({
            id: portId(n.id, 'in', p),
            width: 1,
            height: 1,
            layoutOptions: {
              'elk.port.side': 'WEST',
              'elk.port.index': String(outputs.length + inputs.length - 1 - i),
            },
          })),
        ],
      };
    }),
    edges: elkEdges,
  };
  const placed = await elk.layout(graph);
  const positions: Record<string, XYPosition> = {};
  for (const child of placed.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

/**
 * Whether a flow was saved without positions (made through the API or a script: every node at
 * 0,0, or all on one spot), so the editor lays it out when it opens.
 */
export function lacksPositions(nodes: readonly { position: XYPosition }[]): boolean {
  if (nodes.length < 2) return false;
  const first = nodes[0]!.position;
  return nodes.every((n) => n.position.x === first.x && n.position.y === first.y);
}
