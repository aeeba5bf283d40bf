import { navigate } from '../app/router';
import { MoneyCell } from '../ledger/money-cell';
import { DISCREPANCY_HELP, discrepancyLabel } from './discrepancy-labels';
import { canCreateDocument, itemDifference } from './item-actions';
import type { ReconciliationItem } from './reconciliation-api';
import { VarianceCell } from './variance-cell';

/**
 * Every unmatched item of a day: what kind of difference in words, the amounts on each side and
 * the difference, the references to look it up by, the run that found it, and (for operators)
 * the actions. Resolved items stay listed with who resolved them and the note.
 */
export function ItemsTable({
  items,
  canAct,
  busyId,
  onResolve,
  onCreateDocument,
}: {
  items: ReconciliationItem[];
  canAct: boolean;
  busyId?: string | null;
  onResolve: (item: ReconciliationItem) => void;
  onCreateDocument: (item: ReconciliationItem) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table recon-items" data-testid="recon-items">
        <caption className="sr-only">Unmatched items</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Batch</th>
            <th scope="col">References</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              Difference
            </th>
            <th scope="col">Status</th>
            <th scope="col">Run</th>
            {canAct && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const difference = itemDifference(item);
            return (
              <tr key={item.id} data-testid={`recon-item-${item.id}`} data-kind={item.kind}>
                <td title={DISCREPANCY_HELP[item.kind]}>
                  {discrepancyLabel(item.kind)}
                  {item.detail && <div className="hint">{item.detail}</div>}
                </td>
                <td>{item.batchNumber ?? '—'}</td>
                <td>
                  <References item={item} />
                </td>
                <MoneyCell minor={item.expected} currency={item.currency} />
                <MoneyCell minor={item.actual} currency={item.currency} />
                {difference === null ? (
                  <td className="num" />
                ) : (
                  <VarianceCell minor={difference} currency={item.currency} />
                )}
                <td>
                  {item.status === 'resolved' ? (
                    <span data-testid="item-resolved">
                      <span className="status-pill ok">Resolved</span>
                      {item.note && <div className="recon-note">“{item.note}”</div>}
                      {item.resolvedBy && <div className="hint">by {item.resolvedBy}</div>}
                    </span>
                  ) : (
                    <span className="status-pill bad">Open</span>
                  )}
                  {item.documentRef && (
                    <div className="hint">
                      Document <code>{item.documentRef}</code>
                    </div>
                  )}
                </td>
                <td>
                  {item.flowRunId ? (
                    <a
                      href={`/runs/${item.flowRunId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/runs/${item.flowRunId}`);
                      }}
                    >
                      Open run
                    </a>
                  ) : (
                    <span className="hint">—</span>
                  )}
                </td>
                {canAct && (
                  <td>
                    {item.status === 'open' && (
                      <div className="recon-actions">
                        <button
                          type="button"
                          className="small"
                          disabled={busyId === item.id}
                          onClick={() => onResolve(item)}
                        >
                          Mark resolved
                        </button>
                        {canCreateDocument(item) && (
                          <button
                            type="button"
                            className="small"
                            disabled={busyId === item.id}
                            onClick={() => onCreateDocument(item)}
                          >
                            {busyId === item.id ? 'Creating…' : 'Create the missing ERP document'}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function References({ item }: { item: ReconciliationItem }) {
  const refs: [string, string | null][] = [
    ['PayTrace', item.transactionId],
    ['Invoice', item.invoiceId],
    ['ERP', item.erpRef],
  ];
  const shown = refs.filter(([, v]) => v);
  if (shown.length === 0) return <span className="hint">—</span>;
  return (
    <dl className="recon-refs">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <code>{value}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
