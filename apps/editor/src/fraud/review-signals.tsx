import { formatMoney } from '../ledger/money';
import type { FraudReviewDetail } from './fraud-api';
import { addressCountry, addressText, totalText } from './fraud-format';
import { VelocityTable } from './velocity-table';

/** A line item as the signals read it (SKU, title, quantity). */
function itemText(item: Record<string, unknown>): string {
  const qty = typeof item['quantity'] === 'number' ? item['quantity'] : 1;
  const name =
    (typeof item['title'] === 'string' && item['title']) ||
    (typeof item['sku'] === 'string' && item['sku']) ||
    'item';
  return `${qty} × ${name}`;
}

/**
 * The facts behind a score: the order, billing against shipping against the IP's country,
 * PayTrace's AVS and CSC answers with the masked card (never more than the last four), and the
 * velocity counters from Paybridge's history.
 */
export function ReviewSignals({ detail }: { detail: FraudReviewDetail }) {
  const { order, review, paymentCheck, history } = detail;
  const billing = addressCountry(order?.billing_address);
  const shipping = addressCountry(order?.shipping_address);
  const countries = [billing, shipping, detail.ipCountry].filter((c): c is string => !!c);
  const mismatch = new Set(countries.map((c) => c.toUpperCase())).size > 1;
  const currency = review.amount?.currency ?? order?.currency ?? 'USD';
  return (
    <section aria-labelledby="signals-title" className="fraud-signals">
      <h2 id="signals-title">Signals</h2>
      <dl className="fraud-facts" data-testid="signals">
        <dt>Total</dt>
        <dd>{totalText(review.amount)}</dd>
        {order && (
          <>
            <dt>Placed</dt>
            <dd>{new Date(order.created_at).toLocaleString()}</dd>
            <dt>Items</dt>
            <dd>{order.line_items.map(itemText).join(', ') || '—'}</dd>
          </>
        )}
        <dt>Email</dt>
        <dd>{review.email ?? '—'}</dd>
        <dt>Billing address</dt>
        <dd>{addressText(order?.billing_address) ?? '—'}</dd>
        <dt>Shipping address</dt>
        <dd>{addressText(order?.shipping_address) ?? '—'}</dd>
        <dt>IP address</dt>
        <dd>
          {detail.ipAddress ?? '—'}
          {detail.ipAddress && (
            <span className="hint"> located in {detail.ipCountry ?? 'an unknown country'}</span>
          )}
        </dd>
        <dt>Countries</dt>
        <dd className={mismatch ? 'signal-warn' : undefined} data-testid="countries">
          billing {billing ?? '—'} · shipping {shipping ?? '—'} · IP {detail.ipCountry ?? '—'}
          {mismatch && ' (they differ)'}
        </dd>
        <dt>AVS (address check)</dt>
        <dd>{paymentCheck?.avsResponse || '—'}</dd>
        <dt>CSC (security code)</dt>
        <dd>{paymentCheck?.cscResponse || '—'}</dd>
        <dt>Card</dt>
        <dd>{paymentCheck?.maskedCard || '—'}</dd>
        {history?.storeMedianAmountMinor !== null &&
          history?.storeMedianAmountMinor !== undefined && (
            <>
              <dt>Store’s median order</dt>
              <dd>{formatMoney(history.storeMedianAmountMinor, currency)}</dd>
            </>
          )}
      </dl>
      <h3>Velocity</h3>
      {history ? (
        <VelocityTable velocity={history.velocity} currency={currency} />
      ) : (
        <p className="hint">No history was stored with this score.</p>
      )}
    </section>
  );
}
