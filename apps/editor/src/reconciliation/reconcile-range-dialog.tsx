import { useState } from 'react';
import { DateRangeFields } from '../ledger/date-range-fields';
import { FormDialog } from '../ui/form-dialog';

/** The longest range one request may ask for; longer ones are split by the person. */
export const MAX_RANGE_DAYS = 93;

/** Days from `from` to `to`, both included; null when either is missing or they are reversed. */
export function rangeDays(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isInteger(days) && days >= 1 ? days : null;
}

/**
 * Starts a reconciliation of a date range (closed batches of those days, matched again; nothing
 * already posted is posted twice). The page then follows its progress.
 */
export function ReconcileRangeDialog({
  initial,
  flows,
  onStart,
  onClose,
}: {
  initial: { from?: string | undefined; to?: string | undefined };
  /** Flows that can do the work (those holding a settlement reconciliation step). */
  flows: { id: string; name: string }[];
  onStart: (request: { flowId: string; from: string; to: string }) => Promise<void>;
  onClose: () => void;
}) {
  const [range, setRange] = useState(initial);
  const [flowId, setFlowId] = useState(
    () => (flows.find((f) => /reconcil/i.test(f.name)) ?? flows[0])?.id ?? '',
  );
  const days = rangeDays(range.from, range.to);
  return (
    <FormDialog
      title="Reconcile a date range"
      testId="reconcile-range-dialog"
      submitLabel="Reconcile"
      busyLabel="Starting…"
      onClose={onClose}
      onSubmit={() => {
        if (!flowId) return 'Choose the flow that reconciles (install the template)';
        if (!range.from || !range.to) return 'Choose the first and the last day';
        if (days === null) return 'The last day must not be before the first';
        if (days > MAX_RANGE_DAYS) return `At most ${MAX_RANGE_DAYS} days at once; split the range`;
        return onStart({ flowId, from: range.from, to: range.to });
      }}
    >
      <label className="field">
        <span className="field-label">Flow</span>
        <select aria-label="Flow" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          {flows.length === 0 && <option value="">No flow yet</option>}
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {flows.length === 0 && (
        <p className="hint">
          Install the <strong>Settlement reconciliation</strong> template first: its flow does the
          matching and posts the settlement entries.
        </p>
      )}
      <div className="ledger-filters">
        <DateRangeFields idPrefix="reconcile" value={range} onChange={setRange} />
      </div>
      <p className="hint">
        {days === null
          ? 'Batches closed on these days are fetched from PayTrace and matched again.'
          : `${days} day${days === 1 ? '' : 's'}: batches closed on these days are fetched from PayTrace and matched again.`}{' '}
        Nothing already posted is posted twice.
      </p>
    </FormDialog>
  );
}
