import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getOpenInvoices } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';
import { today } from './today';

/** Invoices still owed as of a date, oldest first, with how many days each is overdue. */
export function OpenInvoicesView() {
  const [asOf, setAsOf] = useState(today);
  const report = useQuery({
    queryKey: ledgerKeys.openInvoices(asOf),
    queryFn: () => getOpenInvoices(asOf),
  });
  return (
    <>
      <div className="ledger-filters">
        <label htmlFor="open-invoices-as-of">As of</label>
        <input
          id="open-invoices-as-of"
          type="date"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
        />
      </div>
      <QueryView
        query={report}
        what="open invoices"
        isEmpty={(data) => data.invoices.length === 0}
        empty={<p>No invoices were owed on {asOf || 'that date'}.</p>}
      >
        {(data) => (
          <table className="table">
            <caption className="sr-only">Open invoices as of {data.asOf}</caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Customer</th>
                <th scope="col">Date</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Days overdue
                </th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Open balance
                </th>
              </tr>
            </thead>
            <tbody>
              {data.invoices.map((inv) => (
                <tr key={inv.id}>
                  <td>
                    <code>{inv.externalRef}</code>
                  </td>
                  <td>{inv.customerName ?? inv.customerRef}</td>
                  <td>{inv.date}</td>
                  <td>{inv.dueDate ?? '—'}</td>
                  <td className={`num ${inv.daysOverdue ? 'error-text' : ''}`}>
                    {inv.daysOverdue ?? ''}
                  </td>
                  <td>{inv.currency}</td>
                  <MoneyCell minor={inv.total} currency={inv.currency} />
                  <MoneyCell minor={inv.openBalance} currency={inv.currency} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
