import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { listDeadLetters, type DeadLetter, type DeadLetterGroup } from '../api/runs-api';
import { navigate } from '../app/router';

/** The group's dead letters: one flow, one error code (a null code is its own group). */
export function groupLetters(group: DeadLetterGroup, letters: readonly DeadLetter[]): DeadLetter[] {
  return letters.filter((l) => l.flowId === group.flowId && l.error.code === group.code);
}

/**
 * One flow-and-error-code group: its count and when it was first and last seen; expanded, the
 * dead letters themselves, each a click from its run, with edit-and-retry and resolve, and a
 * selection for the group's bulk actions.
 */
export function DeadLetterGroupView({
  group,
  canAct,
  busy,
  onRetry,
  onResolve,
  onEditRetry,
}: {
  group: DeadLetterGroup;
  canAct: boolean;
  busy: boolean;
  /** Retries the given runs (all of the group when called with its letters). */
  onRetry: (runIds: string[], version: 'same' | 'latest') => void;
  onResolve: (target: { ids: string[] } | { group: DeadLetterGroup }) => void;
  onEditRetry: (runId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const letters = useQuery({
    queryKey: ['dead-letters', 'group', group.flowId, group.code],
    queryFn: () =>
      listDeadLetters({ flowId: group.flowId, ...(group.code ? { code: group.code } : {}) }),
    enabled: open || busy,
    refetchInterval: open ? 5000 : false,
  });
  const rows = letters.data ? groupLetters(group, letters.data.deadLetters) : [];
  const label = `${group.flowName ?? group.flowId.slice(0, 8)} · ${group.code ?? 'no code'}`;
  const all = async () => {
    const fetched = letters.data ?? (await letters.refetch()).data;
    return fetched ? groupLetters(group, fetched.deadLetters) : [];
  };
  const chosen = rows.filter((r) => selected.has(r.id));
  return (
    <details
      className="dead-letter-group"
      data-testid="dead-letter-group"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary aria-label={label}>
        <span className="dead-letter-count" data-testid="group-count">
          {group.count}
        </span>
        <span>
          <strong>{group.flowName ?? <code>{group.flowId.slice(0, 8)}</code>}</strong>{' '}
          <code>{group.code ?? 'no code'}</code>
          <br />
          <span className="hint">{group.sampleMessage}</span>
        </span>
        <span className="hint">
          first {new Date(group.firstSeen).toLocaleString()}
          <br />
          last {new Date(group.lastSeen).toLocaleString()}
        </span>
      </summary>
      {canAct && (
        <div className="bulk-bar">
          <span>{chosen.length ? `${chosen.length} selected` : `All ${group.count}`}</span>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void (chosen.length ? Promise.resolve(chosen) : all()).then((list) =>
                onRetry(
                  list.map((l) => l.runId),
                  'same',
                ),
              )
            }
          >
            Retry
          </button>
          <button
            type="button"
            disabled={busy}
            title="Retry from the failed step on the flow's latest saved version (after a fix)"
            onClick={() =>
              void (chosen.length ? Promise.resolve(chosen) : all()).then((list) =>
                onRetry(
                  list.map((l) => l.runId),
                  'latest',
                ),
              )
            }
          >
            Retry on latest version
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onResolve(chosen.length ? { ids: chosen.map((c) => c.id) } : { group })}
          >
            Resolve…
          </button>
        </div>
      )}
      {open &&
        (letters.isError ? (
          <p className="error-text" role="alert">
            Could not load them: {errorMessage(letters.error)}
          </p>
        ) : !letters.data ? (
          <p className="hint">Loading…</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                {canAct && (
                  <th>
                    <input
                      type="checkbox"
                      aria-label={`Select all of ${label}`}
                      checked={rows.length > 0 && chosen.length === rows.length}
                      onChange={() =>
                        setSelected(
                          chosen.length === rows.length
                            ? new Set()
                            : new Set(rows.map((r) => r.id)),
                        )
                      }
                    />
                  </th>
                )}
                <th>Run</th>
                <th>Node</th>
                <th>Error</th>
                <th>When</th>
                {canAct && <th />}
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.id} data-testid="dead-letter-row">
                  {canAct && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select dead letter of run ${l.runId.slice(0, 8)}`}
                        checked={selected.has(l.id)}
                        onChange={() => {
                          const next = new Set(selected);
                          if (next.has(l.id)) next.delete(l.id);
                          else next.add(l.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                  )}
                  <td>
                    <a
                      href={`/runs/${l.runId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/runs/${l.runId}`);
                      }}
                    >
                      <code>{l.runId.slice(0, 8)}</code>
                    </a>
                  </td>
                  <td>
                    <code>{l.nodeId}</code>
                  </td>
                  <td>{l.error.message}</td>
                  <td>{new Date(l.createdAt).toLocaleString()}</td>
                  {canAct && (
                    <td className="row-actions">
                      <button type="button" disabled={busy} onClick={() => onEditRetry(l.runId)}>
                        Edit and retry…
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => onResolve({ ids: [l.id] })}
                      >
                        Resolve…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}
