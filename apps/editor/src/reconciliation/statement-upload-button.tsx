import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { listStatements, reconciliationKeys, uploadStatement } from './reconciliation-api';
import { StatementUploadDialog } from './statement-upload';

/**
 * "Upload bank statement": the dialog with the statements imported so far, and fresh days
 * afterwards (deposits may now match on the next reconciliation).
 */
export function StatementUploadButton() {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Upload bank statement
      </button>
      {open && (
        <StatementUploadDialog
          onClose={() => setOpen(false)}
          onUpload={async (input) => {
            const result = await uploadStatement(input);
            void qc.invalidateQueries({ queryKey: reconciliationKeys.all });
            return result;
          }}
        >
          <ImportedStatements />
        </StatementUploadDialog>
      )}
    </>
  );
}

/** The latest statements imported, so a person sees whether the month is already in. */
function ImportedStatements() {
  const statements = useQuery({
    queryKey: reconciliationKeys.statements,
    queryFn: listStatements,
  });
  if (statements.isError) {
    return (
      <p className="error-text" role="alert">
        Could not list the imported statements: {errorMessage(statements.error)}
      </p>
    );
  }
  if (!statements.data) return null;
  if (statements.data.length === 0) {
    return <p className="hint">No statement imported yet.</p>;
  }
  return (
    <div data-testid="imported-statements">
      <h3>Imported</h3>
      <ul className="hint">
        {statements.data.slice(0, 5).map((s) => (
          <li key={s.id}>
            {s.filename ?? 'statement'} ({s.format}, {s.lineCount} line
            {s.lineCount === 1 ? '' : 's'}, account {s.account}),{' '}
            {new Date(s.importedAt).toLocaleString()}
            {s.importedBy && ` by ${s.importedBy}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
