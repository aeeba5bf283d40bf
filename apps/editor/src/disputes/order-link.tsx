import { navigate } from '../app/router';
import type { DisputeCase } from './disputes-api';

/**
 * The disputed order, linked to its runs (the Runs page searches by Shopify order name or id):
 * the order's payment, refunds and this chargeback's handling are all there.
 */
export function OrderLink({ c }: { c: Pick<DisputeCase, 'orderName' | 'orderRef'> }) {
  const label = c.orderName ?? c.orderRef;
  if (!label) return <span className="hint">no order</span>;
  const href = `/runs?q=${encodeURIComponent(label)}`;
  return (
    <a
      href={href}
      title={`Runs of order ${label}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {label}
    </a>
  );
}
