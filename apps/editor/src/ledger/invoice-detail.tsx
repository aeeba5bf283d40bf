import { useQuery } from '@tanstack/react-query';
import { EntryById } from './entry-by-id';
import { invoiceStatus } from './invoice-status';
import { getInvoice } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { formatMoney } from './money';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';

/**
 * One invoice: its priced lines and totals, the payments applied to it, its credit memos, and
 * the journal entries of its payments. (The invoice's own entry is not linked by the API yet.)
 */
export function InvoiceDetailView({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ledgerKeys.invoice(id), queryFn: () => getInvoice(id) });
  return (
    <QueryView query={detail} what="the invoice" isEmpty={() => false} empty={null}>
      {({ invoice, payments, creditMemos }) => {
        const cur = invoice.currency;
        const money = (minor: number) => formatMoney(minor, cur);
        return (
          <div data-testid="invoice-detail">
            <dl className="facts ledger-section">
              <dt>Customer</dt>
              <dd>{invoice.customerRef}</dd>
              <dt>Date</dt>
              <dd>{invoice.date}</dd>
              <dt>Status</dt>
              <dd>{invoiceStatus(invoice.total, invoice.openBalance)}</dd>
              <dt>Open balance</dt>
              <dd>{money(invoice.openBalance)}</dd>
            </dl>
            <section className="ledger-section" aria-labelledby="invoice-lines-h">
              <h3 id="invoice-lines-h">Lines</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Description</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                    <th scope="col" className="num">
                      Unit price
                    </th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invoice.lines.map((line, i) => (
                    <tr key={i}>
                      <td>{line.description}</td>
                      <td className="num">{line.quantity}</td>
                      <MoneyCell minor={line.unitAmount} currency={cur} />
                      <MoneyCell minor={line.amount} currency={cur} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {(
                    [
                      ['Subtotal', invoice.subtotal],
                      ['Tax', invoice.tax],
                      ['Shipping', invoice.shipping],
                      ['Discount', -invoice.discount],
                      ['Total', invoice.total],
                    ] as const
                  ).map(([label, amount]) => (
                    <tr key={label}>
                      <th scope="row" colSpan={3}>
                        {label}
                      </th>
                      <MoneyCell minor={amount} currency={cur} />
                    </tr>
                  ))}
                </tfoot>
              </table>
            </section>
            <section className="ledger-section" aria-labelledby="invoice-payments-h">
              <h3 id="invoice-payments-h">Payments applied</h3>
              {payments.length === 0 ? (
                <p className="hint">No payments applied.</p>
              ) : (
                <ul>
                  {payments.map((p) => (
                    <li key={p.externalRef}>
                      {p.date} · <code>{p.externalRef}</code> · {money(p.amount)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="ledger-section" aria-labelledby="invoice-credits-h">
              <h3 id="invoice-credits-h">Credit memos</h3>
              {creditMemos.length === 0 ? (
                <p className="hint">No credit memos.</p>
              ) : (
                <ul>
                  {creditMemos.map((m) => (
                    <li key={m.externalRef}>
                      {m.date} · <code>{m.externalRef}</code> · total {money(m.total)}, applied{' '}
                      {money(m.applied)}, refunded {money(m.refunded)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="ledger-section" aria-labelledby="invoice-journal-h">
              <h3 id="invoice-journal-h">Journal</h3>
              {payments.some((p) => p.journalId) ? (
                payments.map((p) =>
                  p.journalId ? <EntryById key={p.journalId} id={p.journalId} /> : null,
                )
              ) : (
                <p className="hint">No payment entries yet.</p>
              )}
              <p className="hint">
                The invoice’s own entry is listed under Journal (memo “Invoice {invoice.externalRef}
                ”).
              </p>
            </section>
          </div>
        );
      }}
    </QueryView>
  );
}
