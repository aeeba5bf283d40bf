import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { blankLine, buildEntry, draftTotals, newDraft, type DraftLine } from './entry-draft';
import type { LedgerAccount, NewJournalEntry } from './ledger-api';
import { formatMoney } from './money';
import { today } from './today';

/**
 * The "New entry" form: a reference, date, currency and memo, then lines that each pick an
 * account and take a debit or a credit typed as a decimal. Running totals show whether the entry
 * balances; problems are listed by line, and a refusal from the runtime (422 naming the bad
 * line) is shown as the runtime worded it.
 */
export function NewEntryForm({
  accounts,
  onSubmit,
  onCancel,
}: {
  accounts: readonly LedgerAccount[];
  onSubmit: (entry: NewJournalEntry) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(() => newDraft(today()));
  const [errors, setErrors] = useState<string[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setLine = (index: number, patch: Partial<DraftLine>) =>
    setDraft((d) => ({
      ...d,
      lines: d.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)),
    }));
  const currency = draft.currency.trim().toUpperCase();
  const totals = draftTotals({ ...draft, currency });
  const balanced = totals.debit === totals.credit && totals.debit > 0;
  const show = (minor: number) => {
    try {
      return formatMoney(minor, currency);
    } catch {
      return String(minor);
    }
  };
  const submit = async () => {
    setServerError(null);
    const result = buildEntry(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await onSubmit(result.entry);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label="New journal entry"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="entry-form-grid">
        <label>
          Reference
          <input
            value={draft.externalRef}
            maxLength={64}
            required
            onChange={(e) => setDraft({ ...draft, externalRef: e.target.value })}
          />
        </label>
        <label>
          Date
          <input
            type="date"
            value={draft.date}
            required
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />
        </label>
        <label>
          Currency
          <input
            value={draft.currency}
            maxLength={3}
            required
            onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase() })}
          />
        </label>
        <label>
          Memo
          <input
            value={draft.memo}
            maxLength={1000}
            onChange={(e) => setDraft({ ...draft, memo: e.target.value })}
          />
        </label>
      </div>
      <table className="table entry-lines">
        <caption className="sr-only">Lines</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Account</th>
            <th scope="col" className="num">
              Debit
            </th>
            <th scope="col" className="num">
              Credit
            </th>
            <th scope="col">Description</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.lines.map((line, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>
                <select
                  aria-label={`Line ${i + 1} account`}
                  value={line.account}
                  onChange={(e) => setLine(i, { account: e.target.value })}
                >
                  <option value="">Choose…</option>
                  {accounts.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.code} {a.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Line ${i + 1} debit`}
                  inputMode="decimal"
                  className="num"
                  value={line.debit}
                  onChange={(e) => setLine(i, { debit: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Line ${i + 1} credit`}
                  inputMode="decimal"
                  className="num"
                  value={line.credit}
                  onChange={(e) => setLine(i, { credit: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Line ${i + 1} description`}
                  maxLength={400}
                  value={line.description}
                  onChange={(e) => setLine(i, { description: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove line ${i + 1}`}
                  disabled={draft.lines.length <= 2}
                  onClick={() =>
                    setDraft((d) => ({ ...d, lines: d.lines.filter((_, j) => j !== i) }))
                  }
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Totals
            </th>
            <td className="num" data-testid="draft-debits">
              {show(totals.debit)}
            </td>
            <td className="num" data-testid="draft-credits">
              {show(totals.credit)}
            </td>
            <td colSpan={2} aria-live="polite">
              {balanced ? (
                <span className="balanced-note">Balanced</span>
              ) : totals.debit !== totals.credit ? (
                <span className="warning-text">
                  Out of balance by {show(Math.abs(totals.debit - totals.credit))}
                </span>
              ) : null}
            </td>
          </tr>
        </tfoot>
      </table>
      <button
        type="button"
        className="small"
        onClick={() => setDraft((d) => ({ ...d, lines: [...d.lines, blankLine()] }))}
      >
        Add line
      </button>
      {errors.length > 0 && (
        <ul className="entry-errors error-text" role="alert" data-testid="entry-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {serverError && (
        <p className="error-text" role="alert" data-testid="entry-server-error">
          The runtime refused the entry: {serverError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post entry'}
        </button>
      </div>
    </form>
  );
}
