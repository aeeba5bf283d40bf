/** What the progress bar needs of a reconciliation run. */
export interface RunProgressState {
  from: string;
  to: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  done: number;
  error: string | null;
  /** The flow run doing the work, whose steps and errors the run view shows. */
  flowRunId: string | null;
}

/** How full the bar is, 0 to 100; a finished run is full whatever it counted. */
export function progressPercent(run: Pick<RunProgressState, 'status' | 'total' | 'done'>): number {
  if (run.status === 'succeeded') return 100;
  if (run.total <= 0) return 0;
  return Math.min(100, Math.floor((run.done / run.total) * 100));
}

/**
 * A progress bar while a reconciliation works through a range (a large day has thousands of
 * transactions), and its outcome when it ends: done, or the reason it failed.
 */
export function RunProgress({ run, onDismiss }: { run: RunProgressState; onDismiss?: () => void }) {
  const percent = progressPercent(run);
  const finished = run.status === 'succeeded' || run.status === 'failed';
  const range = run.from === run.to ? run.from : `${run.from} to ${run.to}`;
  return (
    <section
      className={`bulk-progress${finished ? ' finished' : ''}`}
      aria-label="Reconciliation progress"
      data-testid="recon-progress"
    >
      <div className="bulk-progress-head">
        <strong>
          Reconciling {range}
          {run.total > 0 &&
            `: ${run.done.toLocaleString('en-US')} of ${run.total.toLocaleString('en-US')}`}
        </strong>
        <span data-testid="recon-percent">{percent}%</span>
        {finished && onDismiss && (
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
      <progress max={100} value={percent} aria-label="Reconciliation progress">
        {percent}%
      </progress>
      {run.status === 'queued' && <p className="hint">Waiting for a worker…</p>}
      {run.flowRunId && (
        <p className="hint">
          <a href={`/runs/${run.flowRunId}`}>Open the flow run</a> to follow its steps.
        </p>
      )}
      {run.status === 'succeeded' && (
        <p role="status" data-testid="recon-run-done">
          Done: the days below are up to date.
        </p>
      )}
      {run.status === 'failed' && (
        <p className="error-text" role="alert">
          The reconciliation failed: {run.error ?? 'no reason given'}
        </p>
      )}
    </section>
  );
}
