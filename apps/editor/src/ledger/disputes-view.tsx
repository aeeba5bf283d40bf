import { useState } from 'react';
import { deadlineNote } from './dispute-deadline';
import { listDisputes } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import type { DisputeStatus } from './ledger-api';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';
import { today } from './today';

const LABELS: Record<DisputeStatus, string> = {
  open: 'open',
  evidence_submitted: 'evidence submitted',
  won: 'won',
  lost: 'lost',
};

/** Chargeback cases with their status and evidence deadline, open ones flagged when near. */
export function DisputesView() {
  const [status, setStatus] = useState<DisputeStatus | ''>('');
  const disputes = useLedgerList(ledgerKeys.disputes(status), (cursor) =>
    listDisputes(status || undefined, cursor),
  );
  const now = today();
  return (
    <>
      <div className="ledger-filters">
        <label htmlFor="dispute-status">Status</label>
        <select
          id="dispute-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as DisputeStatus | '')}
        >
          <option value="">Any</option>
          {Object.entries(LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <QueryView
        query={disputes}
        what="disputes"
        isEmpty={(data) => data.length === 0}
        empty={
          <p>
            No {status ? `${LABELS[status]} ` : ''}disputes. Chargebacks arrive through the{' '}
            <code>erp.dispute-open</code> node.
          </p>
        }
      >
        {(data) => (
          <>
            <table className="table">
              <caption className="sr-only">Disputes</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Evidence due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => {
                  const note = deadlineNote(d, now);
                  return (
                    <tr key={d.id}>
                      <td>
                        <code>{d.externalRef}</code>
                      </td>
                      <td>{d.transactionRef ?? '—'}</td>
                      <td>{d.reason}</td>
                      <td>{d.openedOn}</td>
                      <td>
                        {d.evidenceDueBy ?? '—'}
                        {note && (
                          <div className={note.urgent ? 'error-text' : 'hint'}>{note.text}</div>
                        )}
                      </td>
                      <td>
                        <span
                          className={`status-pill ${d.status === 'won' ? 'ok' : d.status === 'lost' ? 'bad' : ''}`}
                        >
                          {LABELS[d.status]}
                        </span>
                      </td>
                      <td>{d.currency}</td>
                      <MoneyCell minor={d.amount} currency={d.currency} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <LoadMore list={disputes} what="disputes" shown={data.length} />
          </>
        )}
      </QueryView>
    </>
  );
}
