import { useId, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { Dialog } from '../ui/dialog';
import { STATEMENT_FORMATS, statementFormatOf, type StatementFormat } from './statement-format';

/** What the runtime answers about an uploaded statement. */
export interface StatementUploadResult {
  imported: number;
  duplicates: number;
  errors: { line: number; message: string }[];
}

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
}: {
  onUpload: (input: {
    text: string;
    filename: string;
    format: StatementFormat;
  }) => Promise<StatementUploadResult>;
  onClose: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<StatementFormat | ''>('');
  const [error, setError] = useState<string | null>(null);
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
          setBusy(true);
          setError(null);
          setResult(null);
          file
            .text()
            .then((text) => onUpload({ text, filename: file.name, format }))
            .then(setResult)
            .catch((err: unknown) => setError(errorMessage(err)))
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
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {result && (
          <div role="status" data-testid="statement-result">
            <p>
              Imported {result.imported} line{result.imported === 1 ? '' : 's'}
              {result.duplicates > 0 && `, ${result.duplicates} already imported before`}.
            </p>
            {result.errors.length > 0 && (
              <ul className="error-text">
                {result.errors.slice(0, 10).map((e) => (
                  <li key={e.line}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
                {result.errors.length > 10 && <li>and {result.errors.length - 10} more</li>}
              </ul>
            )}
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
    </Dialog>
  );
}
