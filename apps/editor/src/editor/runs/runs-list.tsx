import { TestRunMark } from '../../runs/test-run-mark';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-failure';
import { countRuns, listRuns, type RunCounts } from '../../api/runs-api';
import { queryKeys } from '../../api/query-keys';
import { navigate } from '../../app/router';

/** Statuses worth a count above the list, in the order they are read. */
const COUNTED = ['declined', 'failed', 'succeeded'] as const;

/** "2 declined · 1 failed · 40 succeeded": what needs a look first, zeros left out. */
export function countsLine(counts: RunCounts): string {
  return COUNTED.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(' · ');
}

/**
 * Recent runs of the flow; choosing one shows its per-node data on the canvas. Refreshes while
 * open so a run started from outside (a webhook) shows up. Above them, how many runs ended in
 * each state, so declined payments nobody handled do not hide among successes.
 */
export function RunsList({
  flowId,
  shownRunId,
  onOpen,
}: {
  flowId: string;
  shownRunId: string | null;
  onOpen: (runId: string) => void;
}) {
  const runs = useQuery({
    queryKey: queryKeys.runs(flowId),
    queryFn: () => listRuns(flowId, 15),
    refetchInterval: 5000,
  });
  const counts = useQuery({
    queryKey: queryKeys.runCounts(flowId),
    queryFn: () => countRuns(flowId),
    refetchInterval: 15_000,
  });
  const summary = counts.data ? countsLine(counts.data) : '';
  if (runs.isError) {
    return (
      <p className="error-text" role="alert">
        Could not load runs: {errorMessage(runs.error)}
      </p>
    );
  }
  if (!runs.data) return <p className="hint">Loading runs…</p>;
  if (runs.data.length === 0) return <p className="hint">No runs yet.</p>;
  return (
    <>
      {summary && (
        <p className="hint" data-testid="run-counts">
          {summary}
        </p>
      )}
      <ul className="runs-list" data-testid="runs-list">
        {runs.data.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`run-row${r.id === shownRunId ? ' current' : ''}`}
              aria-pressed={r.id === shownRunId}
              onClick={() => onOpen(r.id)}
            >
              <span className={`run-badge run-${r.status}`}>{r.status}</span>
              <TestRunMark test={r.test} />
              <span>{new Date(r.createdAt).toLocaleTimeString()}</span>
              <code>{r.id.slice(0, 8)}</code>
            </button>
            <a
              className="run-open"
              href={`/runs/${r.id}`}
              title="Open in the run view"
              aria-label={`Open run ${r.id.slice(0, 8)} in the run view`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/runs/${r.id}`);
              }}
            >
              ↗
            </a>
          </li>
        ))}
      </ul>
      <a
        className="hint"
        href={`/runs?flow=${flowId}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/runs?flow=${flowId}`);
        }}
      >
        All runs of this flow
      </a>
    </>
  );
}
