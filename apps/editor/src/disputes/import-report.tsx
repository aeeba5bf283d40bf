import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { errorMessage } from '../api/api-failure';
import { importReport, type ReportImport } from './disputes-api';
import { disputesKeys } from './disputes-keys';

/** One sentence for what an import did: `2 cases imported, 1 already known.` */
export function importSummary(result: Pick<ReportImport, 'imported' | 'duplicates' | 'errors'>) {
  const parts = [
    `${result.imported} ${result.imported === 1 ? 'case' : 'cases'} imported`,
    `${result.duplicates} already known`,
  ];
  if (result.errors.length > 0) {
    parts.push(`${result.errors.length} ${result.errors.length === 1 ? 'line' : 'lines'} refused`);
  }
  return `${parts.join(', ')}.`;
}

/**
 * "Import chargeback report": the CSV exported from PayTrace's web app goes to the runtime as it
 * is. Every readable row opens or updates its case through the Chargeback flow (a case number
 * already known is counted, not opened twice); every unreadable line is listed with its number
 * and the reason, and never stops the other rows.
 */
export function ImportReport() {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => importReport(await file.text()),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputesKeys.all }),
  });
  const result = upload.data;
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title">Import chargeback report</h2>
      <p className="hint">
        The chargeback / retrieval report exported as CSV from PayTrace’s web app. Needs an active
        flow from the Chargeback template; rows already imported are recognised by case number.
      </p>
      <button type="button" disabled={upload.isPending} onClick={() => input.current?.click()}>
        {upload.isPending ? 'Importing…' : 'Choose CSV file…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        aria-label="Chargeback report file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {upload.isError && (
        <p className="error-text" role="alert">
          Could not import the report: {errorMessage(upload.error)}
        </p>
      )}
      {result && (
        <div data-testid="import-result" aria-live="polite">
          <p>{importSummary(result)}</p>
          {result.errors.length > 0 && (
            <ul className="import-errors error-text" role="alert" aria-label="Refused lines">
              {result.errors.map((e) => (
                <li key={e.line}>
                  Line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
