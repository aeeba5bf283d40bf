import { TestRunMark } from './test-run-mark';
import type { RunListItem } from '../api/runs-api';
import { navigate } from '../app/router';
import { formatMs, SOURCE_LABELS } from './run-status';
import { RunStatusBadge } from './run-status-badge';

/**
 * The runs as a table: status, flow, trigger source, started, duration and attempts, each row
 * opening the run view. With `selectable`, checkboxes (and one for all shown) pick runs for a
 * bulk action.
 */
export function RunsTable({
  runs,
  selectable,
  selected,
  onSelect,
}: {
  runs: readonly RunListItem[];
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
}) {
  const allSelected = runs.length > 0 && runs.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <table className="table runs-table" data-testid="runs-table">
      <thead>
        <tr>
          {selectable && (
            <th>
              <input
                type="checkbox"
                aria-label="Select all shown runs"
                checked={allSelected}
                onChange={() => onSelect(allSelected ? new Set() : new Set(runs.map((r) => r.id)))}
              />
            </th>
          )}
          <th>Status</th>
          <th>Flow</th>
          <th>Source</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Attempts</th>
          <th>Run</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr
            key={r.id}
            className="run-table-row"
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('input, a, button')) return;
              navigate(`/runs/${r.id}`);
            }}
          >
            {selectable && (
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select run ${r.id.slice(0, 8)}`}
                  checked={selected.has(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
            )}
            <td>
              <RunStatusBadge status={r.operatorStatus} />
              {r.nextAttemptAt && (
                <div className="hint" title={r.nextAttemptAt}>
                  next {new Date(r.nextAttemptAt).toLocaleTimeString()}
                </div>
              )}
            </td>
            <td>{r.flowName ?? <code>{r.flowId.slice(0, 8)}</code>}</td>
            <td>
              {SOURCE_LABELS[r.source]} <TestRunMark test={r.test} />
            </td>
            <td title={r.createdAt}>{new Date(r.startedAt ?? r.createdAt).toLocaleString()}</td>
            <td>{r.durationMs === null ? '—' : formatMs(r.durationMs)}</td>
            <td>{r.attempts}</td>
            <td>
              <a
                href={`/runs/${r.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/runs/${r.id}`);
                }}
              >
                <code>{r.id.slice(0, 8)}</code>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
