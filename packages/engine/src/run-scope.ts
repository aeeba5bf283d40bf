import type { Edge } from './flow-graph';

/**
 * Separates the nodes of a `stopAfter` that names several (node ids never hold a comma): a run
 * can stop after every node feeding one, e.g. the two ways into a merge after a branch, of
 * which only the one taken runs.
 */
const STOP_AFTER_SEPARATOR = ',';

/** The node ids a run's `stopAfter` names: one, or several joined by {@link joinStopAfter}. */
export function stopAfterNodes(stopAfter: string): string[] {
  return stopAfter.split(STOP_AFTER_SEPARATOR).filter((id) => id !== '');
}

/** One `stopAfter` for several nodes: the run walks what leads to any of them, and no further. */
export function joinStopAfter(nodeIds: readonly string[]): string {
  return [...new Set(nodeIds)].join(STOP_AFTER_SEPARATOR);
}

/**
 * The targets and every node with a path to one of them: what has to run for them to run. A
 * run started with `stopAfter` executes only these nodes, so whoever vets such a run up front
 * (a test run's check for live calls) looks at the same set the walk will.
 */
export function upstreamOf(
  edges: readonly Edge[],
  target: string | readonly string[],
): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.to.node) ?? [];
    list.push(edge.from.node);
    incoming.set(edge.to.node, list);
  }
  const targets = typeof target === 'string' ? [target] : target;
  const found = new Set<string>(targets);
  const pending = [...targets];
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
