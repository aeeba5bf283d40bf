import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-failure';
import { Dialog } from './dialog';
import { ErrorText } from './error-text';

/**
 * A dialog around one form that says what is wrong or sends: `onSubmit` answers a message when the
 * input is not acceptable (shown, nothing sent), or the work to wait for. While it runs the submit
 * button is disabled, so one click sends once; a failure is shown in the dialog, which stays open
 * with what was typed.
 */
export function FormDialog({
  title,
  testId,
  submitLabel,
  busyLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  testId?: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: () => string | Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const work = onSubmit();
          if (typeof work === 'string') return setError(work);
          setBusy(true);
          setError(null);
          work.catch((err: unknown) => setError(errorMessage(err))).finally(() => setBusy(false));
        }}
      >
        {children}
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
