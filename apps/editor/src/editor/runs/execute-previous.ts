import { upstreamOf, type FlowGraph } from '@paybridge/engine';

/**
 * The node "Execute previous nodes" runs up to: the one feeding `nodeId` (its first incoming
 * edge), or null for a trigger or an unconnected node, which have nothing before them.
 */
export function previousNodeOf(graph: FlowGraph, nodeId: string): string | null {
  return graph.edges.find((e) => e.to.node === nodeId)?.from.node ?? null;
}

/** A connection as the editor lists it: secrets only as `{ set }`, the environment in clear. */
export interface ListedConnection {
  id: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}

/**
 * PayTrace environments that move real money: production, and a custom base URL (nothing tells
 * a proxy of production from a test double). The runtime decides the same way; the editor asks
 * only so it can offer the choice before starting.
 */
const LIVE_PAYTRACE = new Set(['production', 'custom']);

/**
 * The nodes a test run up to `upTo` would run on a live PayTrace connection, by label, so the
 * editor can ask "simulator or live?" before a test run that could charge a card.
 */
export function livePaytraceNodes(
  graph: FlowGraph,
  upTo: string,
  connections: readonly ListedConnection[],
): { nodeId: string; label: string; connection: string }[] {
  const scope = upstreamOf(graph.edges, upTo);
  const live = new Map(
    connections
      .filter((c) => c.type === 'paytrace')
      .filter((c) => LIVE_PAYTRACE.has(String(c.values['environment'] ?? 'production')))
      .map((c) => [c.id, c.name]),
  );
  return graph.nodes
    .filter((n) => scope.has(n.id) && n.type.startsWith('paytrace.'))
    .flatMap((n) => {
      const id = n.config['connectionId'];
      const name = typeof id === 'string' ? live.get(id) : undefined;
      return name === undefined ? [] : [{ nodeId: n.id, label: n.name || n.id, connection: name }];
    });
}
