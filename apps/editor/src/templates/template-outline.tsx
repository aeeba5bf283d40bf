import type { TemplateOutline } from './templates-api';

const NODE_W = 180;
const NODE_H = 56;

/** The colour of a node's family (the part of its type before the first dot). */
function family(type: string): string {
  const head = type.split('.')[0] ?? '';
  if (head === 'trigger') return 'trigger';
  if (['paytrace', 'shopify', 'erp', 'notify'].includes(head)) return head;
  return 'core';
}

/**
 * A small picture of a template's graph from its node positions: boxes for the nodes, lines for
 * the edges (dashed for error and declined branches). Read-only and cheap: plain SVG, so a page
 * of cards does not mount one canvas each.
 */
export function TemplateOutlinePicture({
  outline,
  title,
}: {
  outline: TemplateOutline;
  title: string;
}) {
  const { nodes, edges } = outline;
  if (nodes.length === 0) return null;
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - 20;
  const minY = Math.min(...ys) - 20;
  const width = Math.max(...xs) - minX + NODE_W + 20;
  const height = Math.max(...ys) - minY + NODE_H + 20;
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  return (
    <svg
      className="template-outline"
      viewBox={`${minX} ${minY} ${width} ${height}`}
      role="img"
      aria-label={`Graph of ${title}: ${nodes.length} steps`}
      data-testid="template-outline"
    >
      {edges.map((e, i) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        const unhappy = /error|declin|fail/i.test(e.fromPort);
        return (
          <path
            key={`${e.from}-${e.fromPort}-${e.to}-${i}`}
            className={`outline-edge${unhappy ? ' unhappy' : ''}`}
            d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
          />
        );
      })}
      {nodes.map((n) => (
        <g key={n.id} transform={`translate(${n.position.x},${n.position.y})`}>
          <rect
            className={`outline-node ${family(n.type)}`}
            width={NODE_W}
            height={NODE_H}
            rx={8}
          />
          <text x={10} y={NODE_H / 2 + 6} className="outline-label">
            {n.label.length > 20 ? `${n.label.slice(0, 19)}…` : n.label}
          </text>
          <title>{`${n.label} (${n.type})`}</title>
        </g>
      ))}
    </svg>
  );
}
