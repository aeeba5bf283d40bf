import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { getBulk, startBulk, type BulkProgressBody, type BulkTarget } from '../api/runs-api';
import type { BulkProgressState } from './bulk-progress';

export type BulkRunAction = 'retry' | 'replay' | 'cancel';

const LABELS: Record<BulkRunAction, string> = {
  retry: 'Retry',
  replay: 'Replay',
  cancel: 'Cancel',
};

/** How often a running bulk operation's progress is read. */
const POLL_MS = 700;

/**
 * The progress bar's view of the runtime's bulk progress: the bar fills as items are handled
 * and their runs finish; "succeeded" counts runs that ended well (cancelled ones, for a bulk
 * cancel), "failed" the runs that failed or were declined plus the items the runtime refused.
 */
export function toProgressState(body: BulkProgressBody): BulkProgressState {
  const { outcome } = body;
  const succeeded = body.action === 'cancel' ? outcome.cancelled : outcome.succeeded;
  const failed =
    outcome.failed + outcome.declined + (body.action === 'cancel' ? 0 : outcome.cancelled);
  return {
    action: LABELS[body.action],
    total: body.total,
    done: Math.min(body.total, body.processed - outcome.running),
    succeeded,
    failed: failed + body.rejected,
    finished: body.done,
    failures: body.rejections.map((r) => ({ id: r.runId, message: r.reason })),
  };
}

/**
 * Starts a bulk retry, replay or cancel in the runtime and follows its progress until every
 * run it started has finished; the runs lists refresh as it goes.
 */
export function useBulkRuns() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<BulkProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [operationId, setOperationId] = useState<string | null>(null);
  const polling = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!operationId) return;
    let stopped = false;
    const poll = async () => {
      try {
        const body = await getBulk(operationId);
        if (stopped) return;
        setProgress(toProgressState(body));
        void qc.invalidateQueries({ queryKey: ['runs'] });
        if (body.done) {
          setOperationId(null);
          void qc.invalidateQueries({ queryKey: ['dead-letters'] });
          return;
        }
      } catch (err) {
        if (stopped) return;
        setError(`Could not read the progress: ${errorMessage(err)}`);
      }
      polling.current = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(polling.current);
    };
  }, [operationId, qc]);

  const start = useCallback(
    async (
      action: BulkRunAction,
      target: string[] | BulkTarget,
      version: 'same' | 'latest' = 'same',
    ) => {
      const runs = Array.isArray(target) ? { runIds: target } : target;
      setError(null);
      setProgress({
        action: LABELS[action],
        total: runs.runIds?.length ?? 0,
        done: 0,
        succeeded: 0,
        failed: 0,
        finished: false,
        failures: [],
      });
      try {
        const accepted = await startBulk({ action, ...runs, version });
        setOperationId(accepted.operationId);
        return true;
      } catch (err) {
        setProgress(null);
        setError(`${LABELS[action]} not started: ${errorMessage(err)}`);
        return false;
      }
    },
    [],
  );
  return {
    start,
    progress,
    error,
    running: operationId !== null || (progress !== null && !progress.finished),
    dismiss: () => setProgress(null),
  };
}
