import { useState } from 'react';
import { navigate } from '../app/router';
import { STATUS_LABELS as LABELS } from '../disputes/dispute-labels';
import { deadlineNote } from './dispute-deadline';
import { listDisputes } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import type { DisputeStatus } from './ledger-api';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';
import { today } from './today';

/**
 * The ledger's side of chargeback cases: the disputed amounts booked to the reserve and their
 * outcome. Deadlines, evidence packets and the report import are on the Disputes page.
 */
export function DisputesView() {
  const [status, setStatus] = useState<DisputeStatus | ''>('');
  const disputes = useLedgerList(ledgerKeys.disputes(status), (cursor) =>
    listDisputes(status || undefined, cursor),
  );
  const now = today();
  return (
    <>
      <p className="hint">
        Case deadlines, evidence packets and the chargeback report import are on the{' '}
        <a
          href="/disputes"
          onClick={(e) => {
            e.preventDefault();
            navigate('/disputes');
          }}
        >
          Disputes page
        </a>
        .
      </p>
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
