import { useQuery } from '@tanstack/react-query';
import { diffVersions, isEmptyDiff, type Edge, type FlowGraph } from '@paybridge/engine';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { getFlow } from '../api/flows-api';
import { parseGraphJson } from '../editor/store/graph-convert';
import './version-diff.css';

/** A config value as a reviewer reads it: strings bare, everything else as JSON; "—" for none. */
function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function wire(e: Edge): string {
  return `${e.from.node}.${e.from.port} → ${e.to.node}.${e.to.port}`;
}

function useGraph(flowId: string, version: number) {
  return useQuery({
    queryKey: ['flows', flowId, 'versions', version, 'graph'],
    queryFn: async () => parseGraphJson((await getFlow(flowId, version)).version.graph),
    staleTime: Infinity, // versions never change
  });
}

/**
 * Two saved versions side by side: pick the older and the newer, see which nodes came, went or
 * changed (each changed setting with its old and new value) and which wires moved, before one
 * of them is made live.
 */
export function VersionDiffView({
  flowId,
  versions,
  initial,
  onBack,
}: {
  flowId: string;
  versions: number[];
  initial: [number, number];
  onBack: () => void;
}) {
  const [pair, setPair] = useState(initial);
  const left = useGraph(flowId, pair[0]);
  const right = useGraph(flowId, pair[1]);
  const pick = (side: 0 | 1) => (e: { target: { value: string } }) => {
    const next: [number, number] = [...pair];
    next[side] = Number(e.target.value);
    setPair(next);
  };
  const failed = left.error ?? right.error;
  return (
    <div className="version-diff" data-testid="version-diff">
      <div className="version-diff-pick">
        <button type="button" onClick={onBack}>
          Back to the list
        </button>
        <label>
          From
          <select value={pair[0]} onChange={pick(0)} aria-label="Compare from version">
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <label>
          To
          <select value={pair[1]} onChange={pick(1)} aria-label="Compare to version">
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
      </div>
      {failed && (
        <p className="error-text" role="alert">
          Cannot load a version: {errorMessage(failed)}
        </p>
      )}
      {left.data && right.data && (
        <DiffTables from={pair[0]} to={pair[1]} before={left.data} after={right.data} />
      )}
    </div>
  );
}

function DiffTables({
  from,
  to,
  before,
  after,
}: {
  from: number;
  to: number;
  before: FlowGraph;
  after: FlowGraph;
}) {
  const d = diffVersions(before, after);
  if (isEmptyDiff(d)) {
    return (
      <p className="hint">
        v{from} and v{to} run the same way
        {d.moved.length > 0 ? ` (only ${d.moved.length} node(s) moved on the canvas)` : ''}.
      </p>
    );
  }
  return (
    <table className="table diff-table">
      <thead>
        <tr>
          <th>Node</th>
          <th>Change</th>
          <th>v{from}</th>
          <th>v{to}</th>
        </tr>
      </thead>
      <tbody>
        {d.removed.map((n) => (
          <tr key={`-${n.id}`} className="diff-removed" data-testid={`diff-removed-${n.id}`}>
            <td>{n.id}</td>
            <td>removed</td>
            <td>{n.type}</td>
            <td>—</td>
          </tr>
        ))}
        {d.added.map((n) => (
          <tr key={`+${n.id}`} className="diff-added" data-testid={`diff-added-${n.id}`}>
            <td>{n.id}</td>
            <td>added</td>
            <td>—</td>
            <td>{n.type}</td>
          </tr>
        ))}
        {d.changed.flatMap((n) =>
          n.fields.map((f) => (
            <tr
              key={`~${n.id}.${f.path}`}
              className="diff-changed"
              data-testid={`diff-changed-${n.id}-${f.path}`}
            >
              <td>{n.id}</td>
              <td>
                <code>{f.path}</code>
              </td>
              <td>
                <code>{show(f.before)}</code>
              </td>
              <td>
                <code>{show(f.after)}</code>
              </td>
            </tr>
          )),
        )}
        {d.edgesRemoved.map((e) => (
          <tr key={`-w${wire(e)}`} className="diff-removed">
            <td>wire</td>
            <td>removed</td>
            <td>{wire(e)}</td>
            <td>—</td>
          </tr>
        ))}
        {d.edgesAdded.map((e) => (
          <tr key={`+w${wire(e)}`} className="diff-added">
            <td>wire</td>
            <td>added</td>
            <td>—</td>
            <td>{wire(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
