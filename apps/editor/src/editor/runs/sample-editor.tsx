import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-failure';
import { getRun, listRuns } from '../../api/runs-api';
import { queryKeys } from '../../api/query-keys';
import { useSamples } from './use-samples';

function template(triggerType: string, config: Record<string, unknown>): unknown {
  if (triggerType === 'trigger.rest') {
    return { method: 'POST', path: String(config.path ?? ''), headers: {}, query: {}, body: {} };
  }
  return {};
}

/**
 * Pins the sample event a trigger's flow is previewed and test-run with: pasted JSON, or the
 * event of a past run. It is what `$trigger` holds (for a REST trigger: method, path, headers,
 * query and body). Saved flows keep it in the runtime, so every editor of the flow sees it.
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
  const samples = useSamples(flowId);
  const pinned = Object.hasOwn(samples.all, nodeId) ? samples.all[nodeId] : undefined;
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const runs = useQuery({
    queryKey: queryKeys.runs(flowId ?? 'new'),
    queryFn: () => listRuns(flowId as string, 10),
    enabled: flowId !== null,
  });
  // The text starts from the pinned sample once it is known, else from a template.
  useEffect(() => {
    if (text !== null || !samples.ready) return;
    setText(JSON.stringify(pinned === undefined ? template(triggerType, config) : pinned, null, 2));
    if (pinned !== undefined) setNote('Pinned');
  }, [text, samples.ready, pinned, triggerType, config]);
  const change = (value: string) => {
    setText(value);
    setNote(null);
  };
  const act = async (what: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await what();
      setError(null);
      setNote(done);
      onPinned?.();
    } catch (err) {
      setError(`Not saved: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const pin = (value: unknown) =>
    act(
      () => samples.pin(nodeId, value),
      flowId === null
        ? 'Pinned in this browser until the flow is saved: previews and test runs use this event'
        : 'Pinned: previews and test runs use this event',
    );
  if (samples.error) {
    return (
      <p className="error-text" role="alert">
        Cannot load the pinned sample: {errorMessage(samples.error)}
      </p>
    );
  }
  if (text === null) return <p className="hint">Loading the pinned sample…</p>;
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
          onChange={(e) => change(e.target.value)}
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
            disabled={busy}
            onClick={() => void act(() => samples.unpin(nodeId), 'Unpinned')}
          >
            Unpin
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            let value: unknown;
            try {
              value = JSON.parse(text) as unknown;
            } catch (err) {
              setError(`Not valid JSON: ${errorMessage(err)}`);
              return;
            }
            void pin(value);
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
                        return pin(run.trigger);
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
