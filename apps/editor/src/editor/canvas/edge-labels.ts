import type { FlowEdge } from '../store/flow-types';

/** Ports whose edges carry the unhappy path, drawn dashed and red. */
const UNHAPPY = new Set(['error', 'declined']);

/**
 * Edges as the canvas draws them: labelled with their port where the source node has more than
 * one output (approved / declined / error, a branch's rules), so a reader sees which way each
 * wire goes without hovering. Other edges are returned as they are (same objects).
 */
export function labelEdges(
  edges: readonly FlowEdge[],
  multiOutput: ReadonlySet<string>,
): FlowEdge[] {
  return edges.map((e) => {
    const port = e.sourceHandle ?? 'out';
    if (!multiOutput.has(e.source) && !UNHAPPY.has(port)) return e;
    return {
      ...e,
      ...(multiOutput.has(e.source)
        ? {
            label: port,
            labelBgPadding: [4, 2] as [number, number],
            labelBgBorderRadius: 4,
            labelShowBg: true,
          }
        : {}),
      className: `port-${port}`,
    };
  });
}
