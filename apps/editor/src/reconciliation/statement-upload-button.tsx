import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reconciliationKeys, uploadStatement } from './reconciliation-api';
import { StatementUploadDialog } from './statement-upload';

/** "Upload bank statement": the dialog, and fresh days afterwards (deposits may now match). */
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
        />
      )}
    </>
  );
}
