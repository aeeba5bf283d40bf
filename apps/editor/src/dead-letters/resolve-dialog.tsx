import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { Dialog } from '../ui/dialog';

/**
 * Asks how dead letters were handled before resolving them: the note goes into the dead letter
 * and the audit log, so the next person knows why it is closed.
 */
export function ResolveDialog({
  count,
  onResolve,
  onClose,
}: {
  count: number;
  onResolve: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={count === 1 ? 'Resolve dead letter' : `Resolve ${count} dead letters`}
      onClose={onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return setError('Say how it was handled');
          setBusy(true);
          onResolve(note.trim())
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        <label className="field">
          <span className="field-label">How was it handled?</span>
          <textarea
            rows={3}
            maxLength={2000}
            value={note}
            placeholder="e.g. Charged by hand in PayTrace; order marked paid"
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Resolve
          </button>
        </div>
      </form>
    </Dialog>
  );
}
