import { useEffect, useRef } from 'react';
import { commandFor, isTyping, type ShortcutCommand } from '../canvas/shortcuts';
import { parseGraphJson } from '../store/graph-convert';
import { useFlowStoreApi } from '../store/flow-store-context';

/** Clipboard format marker, so pasting random text does nothing. */
const CLIP_KIND = 'paybridge/nodes';

/**
 * Keyboard commands and the clipboard for the open flow. Copy/cut/paste ride on the browser's
 * clipboard events (so nodes travel between tabs as JSON text); other keys map through
 * the shortcut table. Nothing fires while the user types in a field or a dialog is open.
 */
export function useEditorShortcuts(
  handlers: Partial<Record<ShortcutCommand, () => void>>,
  readOnly: boolean,
): void {
  const store = useFlowStoreApi();
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(e);
      if (!command) return;
      const run = latest.current[command];
      if (!run) return;
      e.preventDefault();
      run();
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isTyping(e.target) || !e.clipboardData) return;
      const graph = store.getState().selectedGraph();
      if (graph.nodes.length === 0) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', JSON.stringify({ kind: CLIP_KIND, graph }, null, 2));
      if (cut && !readOnly) store.getState().deleteSelected();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || readOnly || !e.clipboardData) return;
      const text = e.clipboardData.getData('text/plain');
      try {
        const parsed = JSON.parse(text) as { kind?: string; graph?: unknown };
        if (parsed.kind !== CLIP_KIND) return;
        e.preventDefault();
        store.getState().paste(parseGraphJson(parsed.graph), { x: 40, y: 40 });
      } catch {
        // Not ours: let the page handle it.
      }
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, readOnly]);
}
