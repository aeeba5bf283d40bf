import { useEffect } from 'react';
import { getRun, listRuns } from '../../api/runs-api';
import type { FlowStore } from '../store/flow-store';
import { runOverlay } from './run-overlay';

/**
 * Shows the flow's latest run on the canvas when the flow opens (nothing else shown yet): each
 * node's status badge, and its real output for the mapping editor, as n8n keeps the last
 * execution's data. A run shown meanwhile (a test run, `?run=`) is left alone; a failed lookup
 * leaves the canvas as it was, since the badges are a convenience.
 */
export function useLatestRun(flowId: string | null, store: FlowStore, enabled = true): void {
  useEffect(() => {
    if (flowId === null || !enabled) return;
    let live = true;
    void (async () => {
      try {
        const [latest] = await listRuns(flowId, 1);
        if (!latest || !live) return;
        const run = await getRun(latest.id);
        if (live && Object.keys(store.getState().run).length === 0)
          store.getState().setRun(runOverlay(run));
      } catch {
        // No badges is the state before; nothing to say.
      }
    })();
    return () => {
      live = false;
    };
  }, [flowId, store, enabled]);
}
