import { useCallback, useState } from 'react';
import { errorMessage } from '../../api/api-failure';
import { runFlow } from '../../api/flows-api';
import { getRun } from '../../api/runs-api';
import { useToasts } from '../../ui/toasts';
import type { FlowStore } from '../store/flow-store';
import { runFinished, runOverlay } from './run-overlay';
import { loadSample } from './sample-store';

const POLL_MS = 400;
const GIVE_UP_MS = 60_000;

/**
 * Test runs from the editor: starts the saved flow with the trigger's pinned sample, follows the
 * run until it ends, and paints each node's status and data on the canvas. Also opens any past
 * run the same way.
 */
export function useTestRun(flowId: string | null, store: FlowStore) {
  const toasts = useToasts();
  const [shownRunId, setShownRunId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const show = useCallback(
    async (runId: string) => {
      try {
        const run = await getRun(runId);
        store.getState().setRun(runOverlay(run));
        setShownRunId(runId);
        return run;
      } catch (err) {
        toasts.error(`Cannot open run: ${errorMessage(err)}`);
        return null;
      }
    },
    [store, toasts],
  );

  const start = useCallback(
    async (id: string) => {
      const trigger = store.getState().nodes.find((n) => n.data.type.startsWith('trigger.'));
      const payload = trigger ? (loadSample(flowId ?? id, trigger.id) ?? {}) : {};
      setRunning(true);
      try {
        const { runId } = await runFlow(id, payload);
        if (!runId) throw new Error('the runtime started no run');
        const until = Date.now() + GIVE_UP_MS;
        for (;;) {
          const run = await show(runId);
          if (!run) return;
          if (runFinished(run.status)) {
            if (run.status === 'succeeded') toasts.info('Test run succeeded');
            else
              toasts.error(
                `Test run ${run.status}${run.failedNodeId ? ` at ${run.failedNodeId}` : ''}`,
              );
            return;
          }
          if (Date.now() > until) {
            toasts.info(`Run ${runId.slice(0, 8)} is still ${run.status}; open it from Runs later`);
            return;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch (err) {
        toasts.error(`Run not started: ${errorMessage(err)}`);
      } finally {
        setRunning(false);
      }
    },
    [flowId, store, show, toasts],
  );

  return { start, show, running, shownRunId };
}
