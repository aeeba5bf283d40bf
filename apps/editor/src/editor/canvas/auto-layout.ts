import { Graph, layout } from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';

interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
}

/**
 * Left-to-right layered layout (dagre): triggers on the left, each step one column further, edges
 * crossing as little as dagre can manage. Returns top-left positions as React Flow places nodes.
 */
export function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly { source: string; target: string }[],
): Record<string, XYPosition> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width ?? 220, height: n.height ?? 80 });
  for (const e of edges)
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  const positions: Record<string, XYPosition> = {};
  for (const n of nodes) {
    const placed = g.node(n.id) as { x: number; y: number; width: number; height: number };
    positions[n.id] = {
      x: Math.round(placed.x - placed.width / 2),
      y: Math.round(placed.y - placed.height / 2),
    };
  }
  return positions;
}
