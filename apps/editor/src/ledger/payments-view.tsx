import { listPayments } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';

/** Payments applied to invoices, newest first. */
export function PaymentsView() {
  const payments = useLedgerList(ledgerKeys.payments, listPayments);
  return (
    <QueryView
      query={payments}
      what="payments"
      isEmpty={(data) => data.length === 0}
      empty={
        <p>
          No payments yet. Flows record them with the <code>erp.payment-post</code> node.
        </p>
      }
    >
      {(data) => (
        <>
          <table className="table">
            <caption className="sr-only">Payments</caption>
            <thead>
              <tr>
                <th scope="col">Payment</th>
                <th scope="col">Invoice</th>
                <th scope="col">Date</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <code>{p.externalRef}</code>
                  </td>
                  <td>{p.invoiceRef}</td>
                  <td>{p.date}</td>
                  <td>{p.currency}</td>
                  <MoneyCell minor={p.amount} currency={p.currency} />
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={payments} what="payments" shown={data.length} />
        </>
      )}
    </QueryView>
  );
}
