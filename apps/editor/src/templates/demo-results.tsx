import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/api-failure';
import { navigate } from '../app/router';
import { formatMoney } from '../ledger/money';
import { getDemoResults, type DemoResults } from './demo-api';

type Transaction = DemoResults['paytrace'][number];

/** Minor units PayTrace kept for the order: approved sales less their refunds. */
export function capturedMinusRefunded(transactions: readonly Transaction[]): number {
  let net = 0;
  for (const t of transactions) {
    if (t.status === 'approved') net += t.amount;
    else if (t.status === 'refund') net -= t.amount;
  }
  return net;
}

/** Minor units the ledger holds as received for the order: payments less refunded credit memos. */
export function ledgerReceived(ledger: DemoResults['ledger']): number {
  const paid = ledger.payments.reduce((sum, p) => sum + p.amount, 0);
  return paid - ledger.creditMemos.reduce((sum, m) => sum + m.refunded, 0);
}

function LedgerLink({ slug, children }: { slug: string; children: string }) {
  return (
    <a
      href={`/ledger/${slug}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/ledger/${slug}`);
      }}
    >
      {children}
    </a>
  );
}

function ResultsColumns({ results }: { results: DemoResults }) {
  const { shopify, paytrace, ledger } = results;
  const currency = ledger.invoice?.currency ?? 'USD';
  const money = (minor: number) => formatMoney(minor, currency);
  const net = capturedMinusRefunded(paytrace);
  const received = ledgerReceived(ledger);
  const metafields = Object.entries(shopify.metafields);
  return (
    <div className="demo-results-grid">
      <section aria-label="Shopify order" data-testid="results-shopify">
        <h4>
          <a
            href={`/sandbox/shopify/__admin/orders/${encodeURIComponent(shopify.orderId)}`}
            target="_blank"
            rel="noreferrer"
          >
            Shopify order {shopify.name}
          </a>
        </h4>
        <div>
          Status: <strong data-testid="shopify-status">{shopify.financialStatus}</strong>
        </div>
        <div>Tags: {shopify.tags.length > 0 ? shopify.tags.join(', ') : 'none'}</div>
        {metafields.length > 0 ? (
          <ul aria-label="Metafields">
            {metafields.map(([key, value]) => (
              <li key={key}>
                <code>paytrace.{key}</code> = <code>{value}</code>
              </li>
            ))}
          </ul>
        ) : (
          <div>No PayTrace metafields</div>
        )}
        {shopify.note && <div className="hint demo-note">Note: {shopify.note}</div>}
      </section>
      <section aria-label="PayTrace transactions" data-testid="results-paytrace">
        <h4>
          <a href="/sandbox/paytrace/__admin/transactions" target="_blank" rel="noreferrer">
            PayTrace transactions
          </a>
        </h4>
        {paytrace.length === 0 ? (
          <div>None yet</div>
        ) : (
          <ul>
            {paytrace.map((t) => (
              <li key={t.id} data-status={t.status}>
                {t.status === 'refund' ? 'refund' : `${t.type.toLowerCase()} ${t.status}`}{' '}
                {money(t.amount)} · transaction {t.id}
                {t.refundOf ? ` (of ${t.refundOf})` : ''} · card ending {t.cardLastFour}
              </li>
            ))}
          </ul>
        )}
        <div>Captured minus refunded: {money(net)}</div>
      </section>
      <section aria-label="Ledger" data-testid="results-ledger">
        <h4>
          <LedgerLink slug="invoices">Ledger</LedgerLink>
        </h4>
        {ledger.invoice ? (
          <div>
            <LedgerLink slug="invoices">Invoice</LedgerLink> {ledger.invoice.ref}:{' '}
            {money(ledger.invoice.amount)}, open {money(ledger.invoice.openBalance)}
          </div>
        ) : (
          <div>No invoice yet</div>
        )}
        {ledger.payments.map((p) => (
          <div key={p.ref}>
            <LedgerLink slug="payments">Payment</LedgerLink> {p.ref}:{' '}
            {formatMoney(p.amount, p.currency)}
          </div>
        ))}
        {ledger.creditMemos.map((m) => (
          <div key={m.ref}>
            <LedgerLink slug="credit-memos">Credit memo</LedgerLink> {m.ref}:{' '}
            {formatMoney(m.amount, m.currency)}
          </div>
        ))}
        <div data-testid="trial-balance-check">
          <LedgerLink slug="trial-balance">Trial balance</LedgerLink>{' '}
          {ledger.trialBalanceBalanced ? 'balanced' : 'NOT balanced'}
          {received === net
            ? `, equal to captured minus refunded (${money(net)})`
            : `; the ledger holds ${money(received)} received, PayTrace ${money(net)}`}
        </div>
      </section>
    </div>
  );
}

/**
 * The demo's Results: one order side by side in the three systems (Shopify order status, tags
 * and metafields; PayTrace transactions; ledger invoice, payments, credit memos and the trial
 * balance check). Fetched again whenever `refreshKey` changes (each demo step's run ends).
 */
export function DemoResultsPanel({
  shopifyOrderId,
  orderName,
  refreshKey,
}: {
  shopifyOrderId: string;
  orderName: string;
  refreshKey: string;
}) {
  const results = useQuery({
    queryKey: ['demo-results', shopifyOrderId, refreshKey],
    queryFn: () => getDemoResults(shopifyOrderId),
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <details className="demo-results" open data-testid="demo-results">
      <summary>Results for order {orderName}: Shopify, PayTrace and the ledger</summary>
      <button
        type="button"
        className="demo-refresh"
        disabled={results.isFetching}
        onClick={() => void results.refetch()}
      >
        {results.isFetching ? 'Refreshing…' : 'Refresh'}
      </button>
      {results.error ? (
        <p className="error-text" role="alert">
          Could not read the results: {errorMessage(results.error)}
        </p>
      ) : results.data ? (
        <ResultsColumns results={results.data} />
      ) : (
        <p className="hint">Reading the three systems…</p>
      )}
    </details>
  );
}
