/** How far a bulk retry, replay or resolve has got, as the progress bar shows it. */
export interface BulkProgressState {
  /** What is being done, e.g. "Retry" or "Resolve". */
  action: string;
  total: number;
  /** Items handled and, for runs, finished (what the bar fills with). */
  done: number;
  succeeded: number;
  failed: number;
  /** Set once every item has been handled. */
  finished: boolean;
  /** Why items failed (the first few), shown under the summary. */
  failures: { id: string; message: string }[];
}

/**
 * A progress bar for a bulk operation and, when it has finished, the summary "N succeeded, M
 * failed" with the reasons for the failures. Used by the Runs and Dead letters pages alike.
 */
export function BulkProgress({
  progress,
  onDismiss,
}: {
  progress: BulkProgressState;
  onDismiss?: () => void;
}) {
  const { done } = progress;
  const percent = progress.total === 0 ? 100 : Math.round((done / progress.total) * 100);
  return (
    <section
      className={`bulk-progress${progress.finished ? ' finished' : ''}`}
      aria-label={`${progress.action} progress`}
      data-testid="bulk-progress"
    >
      <div className="bulk-progress-head">
        <strong>
          {progress.action}: {done} of {progress.total}
        </strong>
        <span data-testid="bulk-percent">{percent}%</span>
        {progress.finished && onDismiss && (
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
      <progress max={progress.total || 1} value={done} aria-label={`${progress.action} progress`}>
        {percent}%
      </progress>
      {progress.finished && (
        <p role="status" data-testid="bulk-summary">
          {progress.succeeded} succeeded, {progress.failed} failed
        </p>
      )}
      {progress.failures.length > 0 && (
        <ul className="bulk-failures">
          {progress.failures.slice(0, 5).map((f) => (
            <li key={f.id} className="error-text">
              <a href={`/runs/${f.id}`}>{f.id.slice(0, 8)}</a>: {f.message}
            </li>
          ))}
          {progress.failures.length > 5 && <li>and {progress.failures.length - 5} more</li>}
        </ul>
      )}
    </section>
  );
}
