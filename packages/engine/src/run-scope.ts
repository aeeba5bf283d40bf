import type { Edge } from './flow-graph';

/**
 * `target` and every node with a path to it: what has to run for `target` to run. A run started
 * with `stopAfter` executes only these nodes, so whoever vets such a run up front (a test run's
 * check for live calls) looks at the same set the walk will.
 */
export function upstreamOf(edges: readonly Edge[], target: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.to.node) ?? [];
    list.push(edge.from.node);
    incoming.set(edge.to.node, list);
  }
  const found = new Set<string>([target]);
  const pending = [target];
  while (pending.length > 0) {
    for (const from of incoming.get(pending.pop() as string) ?? []) {
      if (!found.has(from)) {
        found.add(from);
        pending.push(from);
      }
    }
  }
  return found;
}
