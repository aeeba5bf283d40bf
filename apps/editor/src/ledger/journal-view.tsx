import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../ui/dialog';
import { useToasts } from '../ui/toasts';
import { DateRangeFields } from './date-range-fields';
import { JournalEntryDetail } from './journal-entry-detail';
import { listAccounts, listJournalEntries, postJournalEntry } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import type { DateRange, JournalSummary, NewJournalEntry } from './ledger-api';
import { MoneyCell } from './money-cell';
import { NewEntryForm } from './new-entry-form';
import { QueryView } from './query-view';

/** "Posted", or how the entry is tied to its reversal, from the entries on screen. */
function StatusCell({
  entry,
  byId,
  reversalOf,
  onOpen,
}: {
  entry: JournalSummary;
  byId: Map<string, JournalSummary>;
  reversalOf: Map<string, JournalSummary>;
  onOpen: (id: string) => void;
}) {
  const reversal = reversalOf.get(entry.id);
  const original = entry.reversesId ? byId.get(entry.reversesId) : undefined;
  const link = (target: JournalSummary | undefined, id: string, text: string) => (
    <button type="button" className="link-button" onClick={() => onOpen(id)}>
      {target ? `${text} #${target.number}` : text}
    </button>
  );
  return (
    <td>
      <span className="status-pill ok">posted</span>{' '}
      {reversal && link(reversal, reversal.id, 'reversed by')}
      {entry.reversesId && link(original, entry.reversesId, 'reverses')}
    </td>
  );
}

/**
 * Journal entries in a date range, newest first, each opening its lines; editors post manual
 * entries ("New entry") and reverse posted ones from the entry's detail.
 */
export function JournalView({ canEdit }: { canEdit: boolean }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [range, setRange] = useState<DateRange>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const entries = useLedgerList(ledgerKeys.journal(range), (cursor) =>
    listJournalEntries(range, cursor),
  );
  const accounts = useQuery({ queryKey: ledgerKeys.accounts, queryFn: listAccounts });
  const post = useMutation({
    mutationFn: (entry: NewJournalEntry) => postJournalEntry(entry),
    onSuccess: async (posted) => {
      setCreating(false);
      await qc.invalidateQueries({ queryKey: ledgerKeys.all });
      toasts.info(
        posted.created
          ? `Posted entry ${posted.entry.externalRef}`
          : `${posted.entry.externalRef} was already posted; nothing changed`,
      );
    },
  });
  const accountName = (code: string) => accounts.data?.find((a) => a.code === code)?.name;
  return (
    <>
      <div className="ledger-filters">
        <DateRangeFields idPrefix="journal" value={range} onChange={setRange} />
        <span className="toolbar-spacer" />
        {canEdit ? (
          <button
            type="button"
            className="primary"
            disabled={!accounts.data}
            onClick={() => setCreating(true)}
          >
            New entry
          </button>
        ) : (
          <span className="hint">Editors can post and reverse entries.</span>
        )}
      </div>
      <QueryView
        query={entries}
        what="journal entries"
        isEmpty={(data) => data.length === 0}
        empty={
          <p>
            No journal entries{range.from || range.to ? ' in this range' : ''}. Every invoice,
            payment, refund and dispute posts one; manual ones come from “New entry”.
          </p>
        }
      >
        {(data) => {
          const byId = new Map(data.map((e) => [e.id, e]));
          const reversalOf = new Map(
            data.filter((e) => e.reversesId).map((e) => [e.reversesId!, e]),
          );
          return (
            <>
              <table className="table" data-testid="journal-table">
                <caption className="sr-only">Journal entries</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Date</th>
                    <th scope="col">Source</th>
                    <th scope="col">Reference</th>
                    <th scope="col">Memo</th>
                    <th scope="col">Currency</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((e) => (
                    <tr key={e.id} data-testid={`journal-row-${e.externalRef ?? e.number}`}>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Open entry ${e.number}`}
                          onClick={() => setOpenId(e.id)}
                        >
                          #{e.number}
                        </button>
                      </td>
                      <td>{e.date}</td>
                      <td>{e.source}</td>
                      <td>{e.externalRef ? <code>{e.externalRef}</code> : '—'}</td>
                      <td>{e.memo ?? ''}</td>
                      <td>{e.currency}</td>
                      <MoneyCell minor={e.total} currency={e.currency} />
                      <StatusCell
                        entry={e}
                        byId={byId}
                        reversalOf={reversalOf}
                        onOpen={setOpenId}
                      />
                    </tr>
                  ))}
                </tbody>
              </table>
              <LoadMore list={entries} what="journal entries" shown={data.length} />
            </>
          );
        }}
      </QueryView>
      {openId && (
        <Dialog title="Journal entry" wide onClose={() => setOpenId(null)} testId="entry-dialog">
          <div className="ledger-dialog-scroll">
            <JournalEntryDetail
              key={openId}
              id={openId}
              canEdit={canEdit}
              accountName={accountName}
              onOpen={setOpenId}
            />
          </div>
        </Dialog>
      )}
      {creating && accounts.data && (
        <Dialog
          title="New journal entry"
          wide
          onClose={() => setCreating(false)}
          testId="new-entry-dialog"
        >
          <div className="ledger-dialog-scroll">
            <NewEntryForm
              accounts={accounts.data}
              onSubmit={async (entry) => {
                await post.mutateAsync(entry);
              }}
              onCancel={() => setCreating(false)}
            />
          </div>
        </Dialog>
      )}
      {accounts.isError && (
        <p className="error-text" role="alert">
          Could not load the chart of accounts for new entries.
        </p>
      )}
    </>
  );
}
