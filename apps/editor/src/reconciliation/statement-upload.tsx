import { useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-failure';
import { Dialog } from '../ui/dialog';
import { StatementRefused, type StatementUploadResult } from './reconciliation-api';
import { STATEMENT_FORMATS, statementFormatOf, type StatementFormat } from './statement-format';

/** Statements larger than this are refused before upload (a month of a busy account is far less). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Uploads a bank statement (CSV, OFX or camt.053) so the deposit match has the bank's side. The
 * format is guessed from the file name and can be changed; the answer says how many lines were
 * imported, how many were already there, and which lines could not be read.
 */
export function StatementUploadDialog({
  onUpload,
  onClose,
  children,
}: {
  /** Shown under the form: the statements imported so far. */
  children?: ReactNode;
  onUpload: (input: {
    text: string;
    filename: string;
    format: StatementFormat;
    account: string;
  }) => Promise<StatementUploadResult>;
  onClose: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<StatementFormat | ''>('');
  const [account, setAccount] = useState('default');
  const [error, setError] = useState<string | null>(null);
  const [badLines, setBadLines] = useState<{ line: number; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatementUploadResult | null>(null);
  return (
    <Dialog title="Upload a bank statement" onClose={onClose} testId="statement-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return setError('Choose the statement file');
          if (!format) return setError('Choose the statement format');
          if (file.size > MAX_BYTES) return setError('The file is larger than 10 MB');
          if (!account.trim()) return setError('Name the bank account (e.g. default)');
          setBusy(true);
          setError(null);
          setBadLines([]);
          setResult(null);
          file
            .text()
            .then((text) =>
              onUpload({ text, filename: file.name, format, account: account.trim() }),
            )
            .then(setResult)
            .catch((err: unknown) => {
              setError(
                err instanceof StatementRefused
                  ? `${err.message}. Fix these lines and upload again.`
                  : errorMessage(err),
              );
              if (err instanceof StatementRefused) setBadLines(err.lines);
            })
            .finally(() => setBusy(false));
        }}
      >
        <label className="field" htmlFor={`${id}-file`}>
          <span className="field-label">Statement file</span>
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.ofx,.qfx,.xml,.053,text/csv,application/xml,text/xml"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setResult(null);
            if (chosen) setFormat(statementFormatOf(chosen.name) ?? '');
          }}
        />
        <label className="field">
          <span className="field-label">Format</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as StatementFormat | '')}
          >
            <option value="">Choose…</option>
            {STATEMENT_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Bank account</span>
          <input value={account} maxLength={100} onChange={(e) => setAccount(e.target.value)} />
          <span className="field-help">
            The account the reconciliation step reads deposits from (its “Bank account” setting).
          </span>
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {badLines.length > 0 && <LineErrors lines={badLines} />}
        {result && (
          <div role="status" data-testid="statement-result">
            <p>
              Imported {result.imported} line{result.imported === 1 ? '' : 's'}
              {result.duplicates > 0 && `, ${result.duplicates} already imported before`}.
            </p>
            {result.errors.length > 0 && <LineErrors lines={result.errors} />}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </form>
      {children}
    </Dialog>
  );
}

/** The first lines a statement could not be read at, with the reason for each. */
function LineErrors({ lines }: { lines: { line: number; message: string }[] }) {
  return (
    <ul className="error-text" data-testid="statement-line-errors">
      {lines.slice(0, 10).map((e) => (
        <li key={e.line}>
          Line {e.line}: {e.message}
        </li>
      ))}
      {lines.length > 10 && <li>and {lines.length - 10} more</li>}
    </ul>
  );
}
