import { upstreamOf, type FlowGraph } from '@paybridge/engine';

/**
 * The nodes "Execute previous nodes" runs up to: every node wired into `nodeId`, in wire order
 * (after a branch that merges, each way in; the run takes the one its data takes), or none for
 * a trigger or an unconnected node, which have nothing before them.
 */
export function previousNodesOf(graph: FlowGraph, nodeId: string): string[] {
  return [...new Set(graph.edges.filter((e) => e.to.node === nodeId).map((e) => e.from.node))];
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
 * The nodes a test run up to the nodes `upTo` could run on a live PayTrace connection, by label,
 * so the editor can ask "simulator or live?" before a test run that could charge a card.
 */
export function livePaytraceNodes(
  graph: FlowGraph,
  upTo: readonly string[],
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
