import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-failure';
import { getRun, listRuns } from '../../api/runs-api';
import { queryKeys } from '../../api/query-keys';
import { loadSample, saveSample } from './sample-store';

function template(triggerType: string, config: Record<string, unknown>): unknown {
  if (triggerType === 'trigger.rest') {
    return { method: 'POST', path: String(config.path ?? ''), headers: {}, query: {}, body: {} };
  }
  return {};
}

/**
 * Pins the sample event a trigger's flow is previewed and test-run with: pasted JSON, or the
 * event of a past run. It is what `$trigger` holds (for a REST trigger: method, path, headers,
 * query and body).
 */
export function SampleEditor({
  flowId,
  nodeId,
  triggerType,
  config,
  onPinned,
}: {
  flowId: string | null;
  nodeId: string;
  triggerType: string;
  config: Record<string, unknown>;
  onPinned?: () => void;
}) {
  const pinned = loadSample(flowId, nodeId);
  const [text, setText] = useState(() =>
    JSON.stringify(pinned === undefined ? template(triggerType, config) : pinned, null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(pinned === undefined ? null : 'Pinned');
  const runs = useQuery({
    queryKey: queryKeys.runs(flowId ?? 'new'),
    queryFn: () => listRuns(flowId as string, 10),
    enabled: flowId !== null,
  });
  useEffect(() => setNote(null), [text]);
  const pin = (value: unknown) => {
    saveSample(flowId, nodeId, value);
    setNote('Pinned: previews and test runs use this event');
    onPinned?.();
  };
  return (
    <div className="sample-editor" data-testid="sample-editor">
      <label className="field">
        <span className="field-label">Sample event (JSON)</span>
        <textarea
          className="mono"
          rows={10}
          value={text}
          spellCheck={false}
          aria-describedby="sample-error"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {error && (
        <p className="error-text" id="sample-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {pinned !== undefined && (
          <button
            type="button"
            onClick={() => {
              saveSample(flowId, nodeId, undefined);
              setNote('Unpinned');
              onPinned?.();
            }}
          >
            Unpin
          </button>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => {
            try {
              const value = JSON.parse(text) as unknown;
              setError(null);
              pin(value);
            } catch (err) {
              setError(`Not valid JSON: ${errorMessage(err)}`);
            }
          }}
        >
          Pin sample
        </button>
      </div>
      {note && (
        <p className="field-note" role="status">
          {note}
        </p>
      )}
      {flowId && (
        <>
          <h4>Or use a past event</h4>
          {runs.isError && <p className="error-text">{errorMessage(runs.error)}</p>}
          {runs.data?.length === 0 && <p className="hint">No runs yet.</p>}
          <ul className="runs-list">
            {runs.data?.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="run-row"
                  onClick={() =>
                    void getRun(r.id)
                      .then((run) => {
                        setText(JSON.stringify(run.trigger, null, 2));
                        pin(run.trigger);
                      })
                      .catch((err: unknown) => setError(errorMessage(err)))
                  }
                >
                  <span className={`run-badge run-${r.status}`}>{r.status}</span>
                  {new Date(r.createdAt).toLocaleString()} <code>{r.id.slice(0, 8)}</code>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
