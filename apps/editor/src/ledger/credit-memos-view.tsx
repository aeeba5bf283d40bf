import { listCreditMemos } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';

/**
 * Credit memos with how each was settled: the part applied to its invoice, the part refunded,
 * and what is left as customer credit.
 */
export function CreditMemosView() {
  const memos = useLedgerList(ledgerKeys.creditMemos, listCreditMemos);
  return (
    <QueryView
      query={memos}
      what="credit memos"
      isEmpty={(data) => data.length === 0}
      empty={
        <p>
          No credit memos yet. Flows post refunds with the <code>erp.credit-memo</code> node.
        </p>
      }
    >
      {(data) => (
        <>
          <table className="table">
            <caption className="sr-only">Credit memos</caption>
            <thead>
              <tr>
                <th scope="col">Credit memo</th>
                <th scope="col">Invoice</th>
                <th scope="col">Date</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Applied
                </th>
                <th scope="col" className="num">
                  Refunded
                </th>
                <th scope="col" className="num">
                  Remaining credit
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <code>{m.externalRef}</code>
                  </td>
                  <td>{m.invoiceRef ?? '—'}</td>
                  <td>{m.date}</td>
                  <td>{m.currency}</td>
                  <MoneyCell minor={m.total} currency={m.currency} />
                  <MoneyCell minor={m.applied} currency={m.currency} />
                  <MoneyCell minor={m.refunded} currency={m.currency} />
                  <MoneyCell minor={m.total - m.applied - m.refunded} currency={m.currency} />
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={memos} what="credit memos" shown={data.length} />
        </>
      )}
    </QueryView>
  );
}
