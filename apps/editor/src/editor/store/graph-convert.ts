import type { FlowGraph, StickyNote } from '@paybridge/engine';
import { NOTE_PREFIX, type FlowEdge, type FlowNode, type NoteNode } from './flow-types';

/** Stable edge id from its ends, so the same connection never appears twice. */
export function edgeId(source: string, sourcePort: string, target: string, targetPort: string) {
  return `${source}:${sourcePort}->${target}:${targetPort}`;
}

/** Reads a saved graph onto the canvas. Unknown shapes are the caller's to validate first. */
export function graphToCanvas(graph: FlowGraph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'flow',
    position: { x: n.position?.x ?? 0, y: n.position?.y ?? 0 },
    data: {
      type: n.type,
      typeVersion: n.typeVersion,
      config: n.config ?? {},
      ...(n.name === undefined ? {} : { name: n.name }),
      ...(n.retry === undefined ? {} : { retry: n.retry }),
    },
  }));
  const edges: FlowEdge[] = graph.edges.map((e) => ({
    id: edgeId(e.from.node, e.from.port, e.to.node, e.to.port),
    source: e.from.node,
    sourceHandle: e.from.port,
    target: e.to.node,
    targetHandle: e.to.port,
  }));
  return { nodes, edges };
}

/** A saved flow's sticky notes as canvas nodes (drawn behind the flow's nodes). */
export function notesToCanvas(notes: readonly StickyNote[] | undefined): NoteNode[] {
  return (notes ?? []).map((n) => ({
    id: `${NOTE_PREFIX}${n.id}`,
    type: 'note',
    position: { ...n.position },
    zIndex: -1,
    ...(n.width === undefined ? {} : { width: n.width }),
    ...(n.height === undefined ? {} : { height: n.height }),
    data: { text: n.text, ...(n.color ? { color: n.color } : {}) },
  }));
}

/** Sticky notes as the runtime saves them; sizes and positions rounded like nodes'. */
export function canvasToNotes(notes: readonly NoteNode[]): StickyNote[] {
  return notes.map((n) => ({
    id: n.id.slice(NOTE_PREFIX.length),
    text: n.data.text,
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    ...(n.width === undefined ? {} : { width: Math.round(n.width) }),
    ...(n.height === undefined ? {} : { height: Math.round(n.height) }),
    ...(n.data.color ? { color: n.data.color } : {}),
  }));
}

/**
 * The canvas as the runtime saves it. Positions are rounded: sub-pixel drags are noise in a
 * version diff. Sticky notes are saved only when there are some.
 */
export function canvasToGraph(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  notes: readonly NoteNode[] = [],
): FlowGraph {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      typeVersion: n.data.typeVersion,
      ...(n.data.name ? { name: n.data.name } : {}),
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.retry ? { retry: n.data.retry } : {}),
    })),
    edges: edges.map((e) => ({
      from: { node: e.source, port: e.sourceHandle ?? 'out' },
      to: { node: e.target, port: e.targetHandle ?? 'in' },
    })),
    ...(notes.length > 0 ? { notes: canvasToNotes(notes) } : {}),
  };
}

/**
 * Reads a graph from untrusted JSON (an imported file, an old version), tolerating missing
 * positions and configs; throws with a readable message when it is not a graph at all.
 */
export function parseGraphJson(value: unknown): FlowGraph {
  const graph = (value as { graph?: unknown })?.graph ?? value;
  const g = graph as { nodes?: unknown; edges?: unknown };
  if (!g || !Array.isArray(g.nodes) || !Array.isArray(g.edges)) {
    throw new Error('Not a flow: expected { "nodes": [...], "edges": [...] }');
  }
  g.nodes.forEach((n: unknown, i) => {
    const node = n as { id?: unknown; type?: unknown };
    if (typeof node?.id !== 'string' || typeof node.type !== 'string') {
      throw new Error(`Node ${i + 1} needs a string "id" and "type"`);
    }
  });
  g.edges.forEach((e: unknown, i) => {
    const edge = e as { from?: { node?: unknown }; to?: { node?: unknown } };
    if (typeof edge?.from?.node !== 'string' || typeof edge?.to?.node !== 'string') {
      throw new Error(`Edge ${i + 1} needs "from.node" and "to.node"`);
    }
  });
  return {
    nodes: (g.nodes as FlowGraph['nodes']).map((n) => ({
      ...n,
      typeVersion: n.typeVersion ?? 1,
      config: n.config ?? {},
      position: n.position ?? { x: 0, y: 0 },
    })),
    edges: g.edges as FlowGraph['edges'],
    ...(Array.isArray((g as { notes?: unknown }).notes)
      ? { notes: (g as { notes: StickyNote[] }).notes }
      : {}),
  };
}
