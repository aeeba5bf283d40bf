import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useFlowStoreApi } from '../store/flow-store-context';
import { placeNextTo, type PlacedKind } from './placement';

/**
 * Where the palette puts what it adds: right of the selected node, below whatever already sits
 * there, else mid-view ({@link placeNextTo}). `reveal` then pans the canvas to it when it landed
 * out of view, so a node added by keyboard is never lost off-screen.
 */
export function usePlaceNew() {
  const store = useFlowStoreApi();
  const { getViewport, screenToFlowPosition, flowToScreenPosition, setCenter } = useReactFlow();
  return useCallback(
    (kind: PlacedKind = 'node') => {
      const s = store.getState();
      const selected = s.nodes.find((n) => n.selected);
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const middle = rect
        ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
        : { x: -getViewport().x, y: -getViewport().y };
      const position = placeNextTo(
        selected?.position ?? null,
        [...s.nodes, ...s.notes].map((n) => ({
          ...n.position,
          width: n.measured?.width ?? n.width ?? 220,
          height: n.measured?.height ?? n.height ?? 80,
        })),
        middle,
        kind,
      );
      const reveal = () => {
        const at = { x: position.x + 110, y: position.y + 40 };
        const screen = flowToScreenPosition(at);
        const inView =
          rect !== undefined &&
          screen.x > rect.left + 40 &&
          screen.x < rect.right - 40 &&
          screen.y > rect.top + 40 &&
          screen.y < rect.bottom - 40;
        if (!inView) void setCenter(at.x, at.y, { zoom: getViewport().zoom, duration: 200 });
      };
      return { selected, position, reveal };
    },
    [store, getViewport, screenToFlowPosition, flowToScreenPosition, setCenter],
  );
}
