import { useState, type ReactNode } from 'react';
import { FormDialog } from './form-dialog';

/**
 * Asks how something was settled before it is closed (a dead letter, an unmatched reconciliation
 * item): the note is required and kept with the record, so the next person reading it knows why it
 * no longer counts.
 */
export function NoteDialog({
  title,
  testId,
  label,
  placeholder,
  missingNote,
  summary,
  onResolve,
  onClose,
}: {
  title: string;
  testId?: string;
  /** The note field's visible name (also its accessible name). */
  label: string;
  placeholder: string;
  /** Shown when the note is left empty. */
  missingNote: string;
  /** What is being resolved, shown above the note. */
  summary?: ReactNode;
  onResolve: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  return (
    <FormDialog
      title={title}
      testId={testId}
      submitLabel="Resolve"
      busyLabel="Resolving…"
      onClose={onClose}
      onSubmit={() => (note.trim() ? onResolve(note.trim()) : missingNote)}
    >
      {summary}
      <label className="field">
        <span className="field-label">{label}</span>
        <textarea
          rows={3}
          maxLength={2000}
          value={note}
          placeholder={placeholder}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
    </FormDialog>
  );
}
