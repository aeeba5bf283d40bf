import { formatMoney } from '../ledger/money';
import type { FraudReviewDetail } from './fraud-api';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');

/**
 * The customer as Paybridge knew them when the order was scored (first seen, orders, refunds,
 * chargebacks, addresses) and their earlier orders, newest first.
 */
export function CustomerHistory({ detail }: { detail: FraudReviewDetail }) {
  const customer = detail.history?.customer;
  return (
    <section aria-labelledby="customer-title">
      <h2 id="customer-title">Customer history</h2>
      {customer ? (
        <dl className="fraud-facts" data-testid="customer-summary">
          <dt>First seen</dt>
          <dd>{customer.firstSeenAt ? day(customer.firstSeenAt) : 'never before this order'}</dd>
          <dt>Earlier orders</dt>
          <dd>{customer.priorOrders}</dd>
          <dt>Refunds</dt>
          <dd>{customer.priorRefunds}</dd>
          <dt>Chargebacks</dt>
          <dd className={customer.priorChargebacks > 0 ? 'signal-warn' : undefined}>
            {customer.priorChargebacks}
          </dd>
          <dt>Shipping address</dt>
          <dd>
            {customer.shippingAddressSeenBefore ? 'used before' : 'new'} (
            {customer.knownShippingAddresses} known)
          </dd>
          <dt>Email first seen</dt>
          <dd>
            {detail.history?.emailFirstSeenAt
              ? day(detail.history.emailFirstSeenAt)
              : 'never before this order'}
          </dd>
        </dl>
      ) : (
        <p className="hint">No history was stored with this score.</p>
      )}
      {detail.customerAttempts.length > 0 ? (
        <table className="table" data-testid="customer-orders">
          <caption className="sr-only">The customer’s earlier orders</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Order</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {detail.customerAttempts.map((a) => (
              <tr key={`${a.orderId}-${a.createdAt}`}>
                <td>{day(a.createdAt)}</td>
                <td>{a.orderId}</td>
                <td className="num">{formatMoney(a.amount.minor, a.amount.currency)}</td>
                <td>
                  {a.chargebackAt
                    ? `chargeback ${day(a.chargebackAt)}`
                    : a.refunded
                      ? 'refunded'
                      : 'paid'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No earlier orders from this customer.</p>
      )}
    </section>
  );
}
