import { useState } from 'react';
import { Dialog } from '../ui/dialog';
import { InvoiceDetailView } from './invoice-detail';
import { invoiceStatus } from './invoice-status';
import { listInvoices } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { LoadMore, useLedgerList } from './ledger-list';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';

type Filter = 'all' | 'open' | 'paid';

/** Invoices with their open balance and status; a row opens the invoice's detail. */
export function InvoicesView() {
  const [status, setStatus] = useState<Filter>('all');
  const [openId, setOpenId] = useState<{ id: string; ref: string } | null>(null);
  const invoices = useLedgerList(ledgerKeys.invoices(status), (cursor) =>
    listInvoices(status, cursor),
  );
  return (
    <>
      <div className="ledger-filters">
        <label htmlFor="invoice-status">Show</label>
        <select
          id="invoice-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as Filter)}
        >
          <option value="all">All invoices</option>
          <option value="open">Still owed</option>
          <option value="paid">Paid</option>
        </select>
      </div>
      <QueryView
        query={invoices}
        what="invoices"
        isEmpty={(data) => data.length === 0}
        empty={
          <p>
            No {status === 'all' ? '' : status === 'open' ? 'open ' : 'paid '}invoices. Flows post
            them with the <code>erp.invoice-from-order</code> node.
          </p>
        }
      >
        {(data) => (
          <>
            <table className="table">
              <caption className="sr-only">Invoices</caption>
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Date</th>
                  <th scope="col">Due</th>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col" className="num">
                    Open balance
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.map((inv) => {
                  const state = invoiceStatus(inv.total, inv.openBalance);
                  return (
                    <tr key={inv.id}>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setOpenId({ id: inv.id, ref: inv.externalRef })}
                        >
                          {inv.externalRef}
                        </button>
                      </td>
                      <td>{inv.customerRef}</td>
                      <td>{inv.date}</td>
                      <td>{inv.dueDate ?? '—'}</td>
                      <td>{inv.currency}</td>
                      <MoneyCell minor={inv.total} currency={inv.currency} />
                      <MoneyCell minor={inv.openBalance} currency={inv.currency} />
                      <td>
                        <span className={`status-pill ${state === 'paid' ? 'ok' : ''}`}>
                          {state}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <LoadMore list={invoices} what="invoices" shown={data.length} />
          </>
        )}
      </QueryView>
      {openId && (
        <Dialog title={`Invoice ${openId.ref}`} wide onClose={() => setOpenId(null)}>
          <div className="ledger-dialog-scroll">
            <InvoiceDetailView id={openId.id} />
          </div>
        </Dialog>
      )}
    </>
  );
}
