import { formatMoney } from '../ledger/money';
import { NoteDialog } from '../ui/note-dialog';
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
  const ref = item.transactionId ?? item.invoiceId ?? item.erpRef;
  const amount = item.expected ?? item.actual;
  return (
    <NoteDialog
      title="Mark resolved"
      testId="resolve-item-dialog"
      label="Note"
      placeholder="e.g. Bank confirmed the deposit arrived a day late"
      missingNote="Say how it was resolved: the note is kept with the item"
      summary={
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
      }
      onResolve={onResolve}
      onClose={onClose}
    />
  );
}
