import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/api-failure';
import { JournalLinesTable } from './journal-lines-table';
import { getJournalEntry } from './ledger-api';
import { ledgerKeys } from './ledger-keys';

/** Loads one journal entry by id and shows its lines (used where a document links its entry). */
export function EntryById({ id }: { id: string }) {
  const entry = useQuery({ queryKey: ledgerKeys.entry(id), queryFn: () => getJournalEntry(id) });
  if (entry.isPending) return <p className="hint">Loading journal entry…</p>;
  if (entry.isError) {
    return (
      <p className="error-text" role="alert">
        Could not load journal entry: {errorMessage(entry.error)}
      </p>
    );
  }
  return <JournalLinesTable entry={entry.data} />;
}
