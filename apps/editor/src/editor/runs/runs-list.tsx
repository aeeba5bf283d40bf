import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-failure';
import { listRuns } from '../../api/runs-api';
import { queryKeys } from '../../api/query-keys';

/**
 * Recent runs of the flow; choosing one shows its per-node data on the canvas. Refreshes while
 * open so a run started from outside (a webhook) shows up.
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
            <span>{new Date(r.createdAt).toLocaleTimeString()}</span>
            <code>{r.id.slice(0, 8)}</code>
          </button>
        </li>
      ))}
    </ul>
  );
}
