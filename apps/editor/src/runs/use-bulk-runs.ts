import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { replayRun, retryRun } from '../api/runs-api';
import type { BulkProgressState } from './bulk-progress';

export type BulkRunAction = 'retry' | 'replay';

const LABELS: Record<BulkRunAction, string> = { retry: 'Retry', replay: 'Replay' };

/**
 * Retries or replays a selection of runs, keeping the progress for the progress bar; the runs
 * lists refresh when it is done.
 */
export function useBulkRuns() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<BulkProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = useCallback(
    async (action: BulkRunAction, ids: string[]) => {
      setError(null);
      let state: BulkProgressState = {
        action: LABELS[action],
        total: ids.length,
        succeeded: 0,
        failed: 0,
        finished: false,
        failures: [],
      };
      setProgress(state);
      for (const id of ids) {
        try {
          await (action === 'retry' ? retryRun(id) : replayRun(id));
          state = { ...state, succeeded: state.succeeded + 1 };
        } catch (err) {
          state = {
            ...state,
            failed: state.failed + 1,
            failures: [...state.failures, { id, message: errorMessage(err) }],
          };
        }
        setProgress(state);
      }
      setProgress({ ...state, finished: true });
      await qc.invalidateQueries({ queryKey: ['runs'] });
    },
    [qc],
  );
  return {
    start,
    progress,
    error,
    running: progress !== null && !progress.finished,
    dismiss: () => setProgress(null),
  };
}
