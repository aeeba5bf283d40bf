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

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where a node added from the palette goes: right of the selected node (where the flow goes on),
 * moved down past whatever already sits there (a second branch), else at `fallback` (the middle
 * of the view), likewise moved down past any node in the way.
 */
export function placeNextTo(
  anchor: XYPosition | null,
  occupied: readonly Box[],
  fallback: XYPosition,
): XYPosition {
  const start = anchor ? { x: anchor.x + GAP_X, y: anchor.y } : fallback;
  let position = start;
  for (let i = 1; i < 100; i++) {
    const box = { ...position, ...CARD };
    if (!occupied.some((o) => overlaps(box, o))) return position;
    position = { x: start.x, y: start.y + i * STEP_Y };
  }
  return position;
}
