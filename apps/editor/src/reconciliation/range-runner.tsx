import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { listFlows } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { getRun, reconciliationKeys, startRun, type ReconciliationRun } from './reconciliation-api';
import { ReconcileRangeDialog } from './reconcile-range-dialog';
import { RunProgress } from './run-progress';

/** How often a running reconciliation's progress is read. */
const POLL_MS = 800;

/**
 * "Reconcile a date range": the dialog, then a progress bar that follows the run until it
 * ends, refreshing the days as they are reconciled. Tells the page which range is running so
 * the calendar can mark those days.
 */
export function RangeRunner({
  initial,
  onRunning,
  pollMs = POLL_MS,
}: {
  initial: { from?: string; to?: string };
  onRunning: (range: { from: string; to: string } | null) => void;
  pollMs?: number;
}) {
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [run, setRun] = useState<ReconciliationRun | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const flows = useQuery({ queryKey: queryKeys.flows, queryFn: listFlows, enabled: asking });

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const body = await getRun(runId);
        if (stopped) return;
        setRun(body);
        setPollError(null);
        void qc.invalidateQueries({ queryKey: reconciliationKeys.all });
        if (body.status === 'succeeded' || body.status === 'failed') {
          onRunning(null);
          return;
        }
      } catch (err) {
        if (stopped) return;
        setPollError(`Could not read the progress: ${errorMessage(err)}`);
      }
      timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, pollMs, qc, onRunning]);

  return (
    <>
      <button type="button" className="primary" onClick={() => setAsking(true)}>
        Reconcile a date range
      </button>
      {asking && flows.isPending && <span className="hint">Loading flows…</span>}
      {asking && flows.isError && (
        <span className="error-text" role="alert">
          Could not load flows: {errorMessage(flows.error)}
        </span>
      )}
      {asking && flows.data && (
        <ReconcileRangeDialog
          initial={initial}
          flows={flows.data}
          onClose={() => setAsking(false)}
          onStart={async (request) => {
            const started = await startRun(request);
            setAsking(false);
            setRun(null);
            setRunId(started.reconciliationRunId);
            onRunning({ from: request.from, to: request.to });
          }}
        />
      )}
      {(run || pollError) && (
        <div className="recon-run">
          {run && (
            <RunProgress
              run={run}
              onDismiss={() => {
                setRun(null);
                setRunId(null);
              }}
            />
          )}
          {pollError && (
            <p className="error-text" role="alert">
              {pollError}
            </p>
          )}
        </div>
      )}
    </>
  );
}
