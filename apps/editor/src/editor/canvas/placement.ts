import type { XYPosition } from '@xyflow/react';

/** A node's box on the canvas. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const CARD = { width: 220, height: 80 };
const GAP_X = 260;
const STEP_Y = 120;

/** What is being placed: a node card goes right of the selection, a note above it. */
export type PlacedKind = 'node' | 'note';

const NOTE = { width: 220, height: 120 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where a node added from the palette goes: right of the selected node (where the flow goes on),
 * moved down past whatever already sits there (a second branch), else at `fallback` (the middle
 * of the view), likewise moved down past any node in the way. A sticky note goes above the
 * selected node (it explains it), moved up past what is there.
 */
export function placeNextTo(
  anchor: XYPosition | null,
  occupied: readonly Box[],
  fallback: XYPosition,
  kind: PlacedKind = 'node',
): XYPosition {
  const size = kind === 'note' ? NOTE : CARD;
  const start = !anchor
    ? fallback
    : kind === 'note'
      ? { x: anchor.x, y: anchor.y - NOTE.height - 30 }
      : { x: anchor.x + GAP_X, y: anchor.y };
  const step = kind === 'note' && anchor ? -(NOTE.height + 20) : STEP_Y;
  let position = start;
  for (let i = 1; i < 100; i++) {
    const box = { ...position, ...size };
    if (!occupied.some((o) => overlaps(box, o))) return position;
    position = { x: start.x, y: start.y + i * step };
  }
  return position;
}
