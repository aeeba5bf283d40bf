import { navigate } from '../app/router';
import { useFlowStore } from '../editor/store/flow-store-context';
import { CopyButton } from '../ui/copy-button';
import { useDemoResult, useInstallResult } from './install-result-store';

const LEDGER_LINKS = [
  ['invoices', 'invoices'],
  ['payments', 'payments'],
  ['credit-memos', 'credit memos'],
  ['trial-balance', 'trial balance'],
] as const;

/** The PayTrace transaction id some step of the shown run produced (the demo's sale), if any. */
function useTransactionId(): string | undefined {
  return useFlowStore((s) => {
    for (const state of Object.values(s.run)) {
      const out = state.output as { transactionId?: unknown } | null | undefined;
      if (out && typeof out === 'object' && out.transactionId !== undefined)
        return String(out.transactionId);
    }
    return undefined;
  });
}

/**
 * Above the canvas of a flow just installed from a template: its trigger URLs (to paste into
 * Shopify or a caller) with copy buttons, and the install's warnings. For the demo's order flow:
 * where to see the results in all three systems.
 */
export function TemplateNotice({
  flowId,
  runStatus = null,
}: {
  flowId: string | null;
  /** How the run the page follows ended; null while it goes on. */
  runStatus?: string | null;
}) {
  const installed = useInstallResult(flowId);
  const demo = useDemoResult(flowId);
  const transactionId = useTransactionId();
  if (!installed && !demo) return null;
  return (
    <div className="banner template-banner" role="status" data-testid="template-notice">
      {installed && (
        <>
          <strong>
            {installed.reused
              ? 'This template was already installed: this is that flow.'
              : `Installed from the template${installed.flows.some((f) => f.active) ? ', live' : ', inactive'}.`}
          </strong>
          {installed.triggerUrls.length > 0 && (
            <ul aria-label="Trigger URLs">
              {installed.triggerUrls.map((t) => (
                <li key={`${t.nodeId}-${t.url}`}>
                  <code data-testid="installed-trigger-url">{t.url}</code>{' '}
                  <CopyButton value={t.url} label={`trigger URL of ${t.nodeId}`} />
                  {t.topics.length > 0 && (
                    <span className="hint"> topics: {t.topics.join(', ')}</span>
                  )}
                  <div className="hint">{t.hint}</div>
                </li>
              ))}
            </ul>
          )}
          {installed.warnings.map((w) => (
            <p key={w} className="warning-text">
              {w}
            </p>
          ))}
        </>
      )}
      {demo && (
        <>
          <strong data-testid="demo-status">
            {runStatus === null
              ? `Demo: Shopify order ${demo.orderName} is going through this flow; each node lights up as it runs.`
              : `Demo: Shopify order ${demo.orderName} went through this flow (${runStatus}). See the results:`}
          </strong>
          <ul aria-label="Demo results">
            <li>
              <a
                href={`/sandbox/shopify/__admin/orders/${encodeURIComponent(demo.shopifyOrderId)}`}
                target="_blank"
                rel="noreferrer"
              >
                Shopify order {demo.orderName}
              </a>{' '}
              (financial status, metafields, tags and note, as the simulator holds them)
            </li>
            <li>
              <a href="/sandbox/paytrace/__admin/transactions" target="_blank" rel="noreferrer">
                PayTrace transactions
              </a>
              {transactionId ? ` (the sale: transaction ${transactionId})` : ''}
            </li>
            <li>
              Ledger:{' '}
              {LEDGER_LINKS.map(([slug, label], i) => (
                <span key={slug}>
                  {i > 0 && ', '}
                  <a
                    href={`/ledger/${slug}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/ledger/${slug}`);
                    }}
                  >
                    {label}
                  </a>
                </span>
              ))}
            </li>
          </ul>
        </>
      )}
    </div>
  );
}
