import { useState } from 'react';
import { Dialog } from '../ui/dialog';

/** Asks for an optional version message, then saves. Enter saves at once. */
export function SaveDialog({
  busy,
  onSave,
  onClose,
}: {
  busy: boolean;
  onSave: (message: string) => void;
  onClose: () => void;
}) {
  const [message, setMessage] = useState('');
  return (
    <Dialog title="Save a new version" onClose={onClose} testId="save-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(message.trim());
        }}
      >
        <label className="field">
          <span className="field-label">What changed? (optional)</span>
          <input
            autoFocus
            value={message}
            maxLength={1000}
            placeholder="e.g. map the customer email"
            onChange={(e) => setMessage(e.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save version'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
