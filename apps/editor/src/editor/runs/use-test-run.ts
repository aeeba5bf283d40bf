import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { errorMessage } from '../../api/api-failure';
import { runFlow } from '../../api/flows-api';
import { getRun } from '../../api/runs-api';
import { useToasts } from '../../ui/toasts';
import type { FlowStore } from '../store/flow-store';
import { runFinished, runOverlay } from './run-overlay';
import { fetchSample } from './use-samples';

const POLL_MS = 400;
const GIVE_UP_MS = 60_000;

/**
 * Test runs from the editor: starts the saved flow with the trigger's pinned sample (or a payload
 * given, asked for when nothing is pinned), follows the
 * run until it ends, and paints each node's status and data on the canvas. Also opens any past
 * run the same way. `stopAfter` runs only up to that node ("run to here"); `version` is the
 * saved version to run (the one on the canvas), else the runtime's default (active, else latest).
 * `watch` follows a run something else started (a webhook delivery, the guided demo).
 */
export interface TestRunOptions {
  version?: number;
  /** A node, or the nodes into a merge: the run takes what leads to them and stops. */
  stopAfter?: string | string[];
  /** The trigger's payload; without it, the trigger's pinned sample. */
  payload?: unknown;
  /** A test run ("Execute previous nodes"): live PayTrace goes to the simulator unless confirmed. */
  test?: boolean;
  liveCalls?: 'confirmed';
}

/** How a start ended: run (or failed to, said in a toast), or no payload to run with. */
export type TestRunStart = 'started' | 'needs-payload';

export function useTestRun(store: FlowStore) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
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

  // Shows a run on the canvas again and again until it ends, saying how it ended.
  const follow = useCallback(
    async (runId: string, what: string, giveUpMs = GIVE_UP_MS) => {
      const until = Date.now() + giveUpMs;
      for (;;) {
        const run = await show(runId);
        if (!run) return null;
        if (runFinished(run.status)) {
          if (run.status === 'succeeded') toasts.info(`${what} succeeded`);
          else
            toasts.error(
              `${what} ${run.status}${run.failedNodeId ? ` at ${run.failedNodeId}` : ''}`,
            );
          return run;
        }
        if (Date.now() > until) {
          toasts.info(`Run ${runId.slice(0, 8)} is still ${run.status}; open it from Runs later`);
          return run;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    [show, toasts],
  );

  const start = useCallback(
    async (id: string, options: TestRunOptions = {}): Promise<TestRunStart> => {
      const { payload, ...opts } = options;
      const trigger = store.getState().nodes.find((n) => n.data.type.startsWith('trigger.'));
      setRunning(true);
      try {
        const pinned =
          payload === undefined && trigger
            ? await fetchSample(queryClient, id, trigger.id)
            : undefined;
        // Nothing pinned and nothing given: ask for a payload rather than run on nothing.
        if (payload === undefined && pinned === undefined) return 'needs-payload';
        const { runId } = await runFlow(id, payload ?? pinned, opts);
        const upTo = [opts.stopAfter ?? []].flat().join(' and ');
        const what = upTo ? `Test run up to ${upTo}` : 'Test run';
        if (!runId) throw new Error('the runtime started no run');
        await follow(runId, what);
      } catch (err) {
        toasts.error(`Run not started: ${errorMessage(err)}`);
      } finally {
        setRunning(false);
      }
      return 'started';
    },
    [store, follow, toasts, queryClient],
  );

  /** Follows a run started elsewhere (a webhook, the demo) live on the canvas, node by node. */
  const watch = useCallback(
    async (runId: string, giveUpMs?: number) => {
      setRunning(true);
      try {
        return await follow(runId, 'Run', giveUpMs);
      } finally {
        setRunning(false);
        void queryClient.invalidateQueries({ queryKey: ['runs'] });
      }
    },
    [follow, queryClient],
  );

  return { start, show, watch, running, shownRunId };
}
