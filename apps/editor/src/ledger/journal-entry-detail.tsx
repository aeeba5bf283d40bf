import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { useToasts } from '../ui/toasts';
import { JournalLinesTable } from './journal-lines-table';
import { getJournalEntry, reverseJournalEntry } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { QueryView } from './query-view';
import { today } from './today';

/**
 * One journal entry: its facts, lines and reversal links, and for editors the one correction an
 * immutable ledger allows, a reversal, behind an explicit confirmation step.
 */
export function JournalEntryDetail({
  id,
  canEdit,
  accountName,
  onOpen,
}: {
  id: string;
  canEdit: boolean;
  accountName: (code: string) => string | undefined;
  onOpen: (id: string) => void;
}) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const entry = useQuery({ queryKey: ledgerKeys.entry(id), queryFn: () => getJournalEntry(id) });
  const [confirming, setConfirming] = useState(false);
  const [date, setDate] = useState(today);
  const reverse = useMutation({
    mutationFn: () => reverseJournalEntry(id, { date }),
    onSuccess: async (reversal) => {
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: ledgerKeys.all });
      toasts.info(`Posted reversal #${reversal.number}`);
    },
  });
  return (
    <QueryView query={entry} what="the journal entry" isEmpty={() => false} empty={null}>
      {(e) => {
        const reversible = e.source !== 'reversal' && !e.reversedBy;
        return (
          <div data-testid="entry-detail">
            <dl className="facts ledger-section">
              <dt>Source</dt>
              <dd>{e.source}</dd>
              <dt>Reference</dt>
              <dd>{e.externalRef ? <code>{e.externalRef}</code> : '—'}</dd>
              <dt>Status</dt>
              <dd data-testid="entry-status">
                Posted
                {e.reversedBy && (
                  <>
                    {' · reversed by '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpen(e.reversedBy!)}
                    >
                      its reversal
                    </button>
                  </>
                )}
                {e.reversesId && (
                  <>
                    {' · reverses '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpen(e.reversesId!)}
                    >
                      the original entry
                    </button>
                  </>
                )}
              </dd>
            </dl>
            <JournalLinesTable entry={e} accountName={accountName} />
            {canEdit && reversible && !confirming && (
              <div className="dialog-actions">
                <button type="button" className="danger" onClick={() => setConfirming(true)}>
                  Reverse…
                </button>
              </div>
            )}
            {confirming && (
              <div className="card" role="group" aria-labelledby="reverse-h">
                <h3 id="reverse-h">Reverse entry #{e.number}?</h3>
                <p>
                  Entries cannot be changed or deleted. A reversal posts a new entry with every
                  line’s debit and credit swapped, so the two cancel out.
                </p>
                <label htmlFor="reverse-date">Date of the reversal </label>
                <input
                  id="reverse-date"
                  type="date"
                  value={date}
                  onChange={(ev) => setDate(ev.target.value)}
                />
                {reverse.isError && (
                  <p className="error-text" role="alert">
                    Could not reverse: {errorMessage(reverse.error)}
                  </p>
                )}
                <div className="dialog-actions">
                  <button type="button" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={reverse.isPending || !date}
                    onClick={() => reverse.mutate()}
                  >
                    {reverse.isPending ? 'Reversing…' : 'Reverse entry'}
                  </button>
                </div>
              </div>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}
