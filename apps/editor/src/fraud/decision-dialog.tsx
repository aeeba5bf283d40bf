import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { Dialog } from '../ui/dialog';
import { ErrorText } from '../ui/error-text';

/** What each decision does to the waiting run, said before the operator confirms it. */
const EFFECT = {
  approve: 'The run continues on “approved”: the authorization is captured.',
  reject:
    'The run continues on “rejected”: the authorization is voided (and the order cancelled when the flow does so).',
} as const;

/**
 * Confirms an approve or a reject with an optional note for the audit log and the label. The
 * runtime's refusal (another operator or the timeout decided first: 409) stays in the dialog as
 * a message, so nothing is decided twice and the operator sees why.
 */
export function DecisionDialog({
  decision,
  orderName,
  onDecide,
  onClose,
}: {
  decision: 'approve' | 'reject';
  orderName: string;
  onDecide: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  return (
    <Dialog title={`${verb} order ${orderName}`} onClose={onClose} testId="decision-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          onDecide(note)
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        <p>{EFFECT[decision]}</p>
        <label className="field">
          <span className="field-label">Note (optional)</span>
          <textarea
            rows={3}
            maxLength={1000}
            value={note}
            placeholder={
              decision === 'approve'
                ? 'e.g. Called the customer; shipping to their office'
                : 'e.g. Card holder denies the order'
            }
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={decision === 'approve' ? 'primary' : 'danger'}
            disabled={busy}
          >
            {verb}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
