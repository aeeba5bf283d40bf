import { useState } from 'react';
import { ApiFailure, errorMessage } from '../api/api-failure';
import { Dialog } from '../ui/dialog';
import { JsonEditor, jsonProblem } from './json-editor';

/**
 * "Replay with edited input": the run's trigger payload in a JSON editor; replaying sends the
 * edited event as a new linked run. Invalid JSON is caught here; what the runtime refuses (card
 * data, which is never stored) comes back as its 422 and is shown with the runtime's words.
 */
export function ReplayEditDialog({
  trigger,
  onReplay,
  onClose,
}: {
  trigger: unknown;
  onReplay: (payload: unknown) => Promise<void>;
  onClose: () => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(trigger ?? {}, null, 2));
  const [refusal, setRefusal] = useState<{ title: string; lines: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = jsonProblem(text);
  const submit = async () => {
    if (problem) return;
    setBusy(true);
    setRefusal(null);
    try {
      await onReplay(JSON.parse(text));
    } catch (err) {
      setRefusal(
        err instanceof ApiFailure
          ? {
              title: `The runtime refused this input (${err.code}): ${err.message}`,
              lines: err.issues.map((i) =>
                i.path?.length ? `${i.path.join('.')}: ${i.message}` : i.message,
              ),
            }
          : { title: `Not replayed: ${errorMessage(err)}`, lines: [] },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Replay with edited input" onClose={onClose} wide testId="replay-edit-dialog">
      <p className="hint">
        Edit the trigger event and replay it as a new run on the flow’s live version. Payments
        already taken for this order are not taken again. Card numbers are refused: send the
        PayTrace token instead.
      </p>
      <JsonEditor value={text} onChange={setText} label="Trigger payload" testId="replay-json" />
      {problem && (
        <p className="error-text" role="alert" data-testid="replay-json-problem">
          Not valid JSON: {problem.message}
        </p>
      )}
      {refusal && (
        <div className="error-text" role="alert" data-testid="replay-refusal">
          <p>{refusal.title}</p>
          {refusal.lines.length > 0 && (
            <ul>
              {refusal.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || problem !== null}
          onClick={() => void submit()}
        >
          {busy ? 'Replaying…' : 'Replay with this input'}
        </button>
      </div>
    </Dialog>
  );
}
