import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { formatMoney } from '../ledger/money';
import { Dialog } from '../ui/dialog';
import { discrepancyLabel } from './discrepancy-labels';
import type { ReconciliationItem } from './reconciliation-api';

/**
 * Asks how an unmatched item was settled before marking it resolved: the note stays on the item
 * (and in the report), so the next person reading the day knows why it no longer counts.
 */
export function ResolveItemDialog({
  item,
  onResolve,
  onClose,
}: {
  item: ReconciliationItem;
  onResolve: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = item.transactionId ?? item.invoiceId ?? item.erpRef;
  const amount = item.expected ?? item.actual;
  return (
    <Dialog title="Mark resolved" onClose={onClose} testId="resolve-item-dialog">
      <p>
        <strong>{discrepancyLabel(item.kind)}</strong>
        {ref && (
          <>
            {' '}
            · <code>{ref}</code>
          </>
        )}
        {amount !== null && <> · {formatMoney(amount, item.currency)}</>}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim())
            return setError('Say how it was resolved: the note is kept with the item');
          setBusy(true);
          setError(null);
          onResolve(note.trim())
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        <label className="field">
          <span className="field-label">Note</span>
          <textarea
            rows={3}
            maxLength={2000}
            value={note}
            placeholder="e.g. Bank confirmed the deposit arrived a day late"
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
            {busy ? 'Resolving…' : 'Resolve'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
