import { useState } from 'react';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { Dialog } from '../../ui/dialog';

/**
 * The payload a trigger's output schema gives as its example (`examples[0]` or `example`), if
 * it declares one; what the run dialog starts from.
 */
export function triggerExample(entry: NodeCatalogEntry | undefined): unknown {
  const schema = entry?.outputSchema as { examples?: unknown[]; example?: unknown } | undefined;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema?.example;
}

/**
 * Asks for the trigger's payload when a test run has no pinned sample, instead of running the
 * flow on nothing: a JSON box, prefilled from the trigger's example when it has one.
 */
export function RunPayloadDialog({
  example,
  onRun,
  onClose,
}: {
  example: unknown;
  onRun: (payload: unknown) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(() =>
    JSON.stringify(example === undefined ? {} : example, null, 2),
  );
  let parsed: { ok: true; value: unknown } | { ok: false; message: string };
  try {
    parsed = { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    parsed = { ok: false, message: (err as Error).message };
  }
  return (
    <Dialog title="Run with which payload?" onClose={onClose} testId="run-payload-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.ok) onRun(parsed.value);
        }}
      >
        <p className="hint">
          The trigger has no pinned sample. This JSON is what the trigger hands the flow (pin a
          sample on the trigger to skip this question).
        </p>
        <label className="field">
          <span className="field-label">Trigger payload (JSON)</span>
          <textarea
            autoFocus
            className="mono"
            rows={10}
            spellCheck={false}
            value={text}
            aria-invalid={parsed.ok ? undefined : true}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {!parsed.ok && (
          <span className="field-error" role="alert">
            Not valid JSON: {parsed.message}
          </span>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!parsed.ok}>
            Run
          </button>
        </div>
      </form>
    </Dialog>
  );
}
