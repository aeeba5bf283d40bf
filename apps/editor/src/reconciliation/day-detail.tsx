import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { QueryView } from '../ledger/query-view';
import { useToasts } from '../ui/toasts';
import { KIND_OPTIONS } from './discrepancy-labels';
import { ItemsTable } from './items-table';
import {
  createDocument,
  getDay,
  ITEM_LIMIT,
  listItems,
  reconciliationKeys,
  reportUrl,
  resolveItem,
  type ItemStatusFilter,
  type ReconciliationItem,
} from './reconciliation-api';
import { ResolveItemDialog } from './resolve-item-dialog';
import { batchRow, dayRow } from './totals-rows';
import { TotalsTable } from './totals-table';
import { describeVariance } from './variance';

/**
 * One day: totals side by side per batch and for the day, the report to export, and every
 * unmatched item, open ones first by default, with "Mark resolved" and "Create the missing ERP
 * document" for operators.
 */
export function DayDetail({ date, canAct }: { date: string; canAct: boolean }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [status, setStatus] = useState<ItemStatusFilter>('open');
  const [kind, setKind] = useState<ReconciliationItem['kind'] | ''>('');
  const [resolving, setResolving] = useState<ReconciliationItem | null>(null);
  const day = useQuery({ queryKey: reconciliationKeys.day(date), queryFn: () => getDay(date) });
  const items = useQuery({
    queryKey: reconciliationKeys.items(date, status, kind),
    queryFn: () => listItems(date, status, kind || undefined),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: reconciliationKeys.all });
  const create = useMutation({
    mutationFn: (item: ReconciliationItem) => createDocument(item.id),
    onSuccess: (body) => {
      toasts.info(
        body.document.created
          ? `Booked ${body.document.type} ${body.document.externalRef}`
          : `${body.document.externalRef} was already booked; the item is linked to it`,
      );
      void refresh();
    },
    onError: (err) => toasts.error(`Could not create the document: ${errorMessage(err)}`),
  });

  return (
    <section className="recon-day-detail" aria-label={`Reconciliation of ${date}`}>
      <QueryView
        query={day}
        what={`the reconciliation of ${date}`}
        isEmpty={(d) => d === null}
        empty={
          <div data-testid="recon-day-empty">
            <p>{date} has not been reconciled yet.</p>
            {canAct && <p className="hint">Use “Reconcile a date range” above to reconcile it.</p>}
          </div>
        }
      >
        {(detail) =>
          detail && (
            <>
              <div className="recon-day-header">
                <h2>{date}</h2>
                <span className="hint">
                  {detail.day.batchCount} batch{detail.day.batchCount === 1 ? '' : 'es'} ·{' '}
                  {detail.day.openItems === 0
                    ? 'every item matched'
                    : `${detail.day.openItems} open item${detail.day.openItems === 1 ? '' : 's'}`}{' '}
                  · {describeVariance(detail.day.variance, detail.day.currency)}
                </span>
                <a className="button small" href={reportUrl(date, 'csv')} download>
                  Export CSV
                </a>
                <a className="button small" href={reportUrl(date, 'pdf')} download>
                  Export PDF
                </a>
              </div>
              <TotalsTable rows={detail.batches.map(batchRow)} total={dayRow(detail.day)} />
            </>
          )
        }
      </QueryView>
      <h3>Unmatched items</h3>
      <div className="recon-item-filters">
        <label htmlFor="recon-status">Show</label>
        <select
          id="recon-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ItemStatusFilter)}
        >
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <label htmlFor="recon-kind">Kind</label>
        <select
          id="recon-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ReconciliationItem['kind'] | '')}
        >
          <option value="">Every kind</option>
          {KIND_OPTIONS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <QueryView
        query={items}
        what="unmatched items"
        isEmpty={(list) => list.length === 0}
        empty={
          <p data-testid="recon-items-empty">
            {status === 'open'
              ? 'Nothing open: every settled transaction of this day is matched or resolved.'
              : status === 'resolved'
                ? 'No item of this day has been resolved.'
                : 'This day has no unmatched items.'}
          </p>
        }
      >
        {(list) => (
          <>
            {list.length >= ITEM_LIMIT && (
              <p className="hint" role="status">
                Showing the first {ITEM_LIMIT.toLocaleString('en-US')} items; filter by kind, or
                export the CSV for all of them.
              </p>
            )}
            <ItemsTable
              items={list}
              canAct={canAct}
              busyId={create.isPending ? (create.variables?.id ?? null) : null}
              onResolve={setResolving}
              onCreateDocument={(item) => create.mutate(item)}
            />
          </>
        )}
      </QueryView>
      {resolving && (
        <ResolveItemDialog
          item={resolving}
          onClose={() => setResolving(null)}
          onResolve={async (note) => {
            await resolveItem(resolving.id, note);
            setResolving(null);
            toasts.info('Marked resolved');
            await refresh();
          }}
        />
      )}
    </section>
  );
}
