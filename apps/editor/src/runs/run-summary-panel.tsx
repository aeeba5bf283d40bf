import type { RunDetail, RunDocument } from '../api/runs-api';
import { navigate } from '../app/router';
import { ledgerTab } from '../ledger/ledger-tabs';
import { RunStatusBadge } from './run-status-badge';
import { describeStepError } from './step-error';

function RunLink({ id }: { id: string }) {
  return (
    <a
      href={`/runs/${id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/runs/${id}`);
      }}
    >
      <code>{id.slice(0, 8)}</code>
    </a>
  );
}

const RELATION: Record<RunDetail['related'][number]['relation'], string> = {
  parent: 'Replay of',
  child: 'Replayed as',
  sibling: 'Same event',
};

const KIND: Record<RunDocument['kind'], string> = {
  'paytrace-transaction': 'PayTrace transaction',
  shopify: 'Shopify',
  'erp-document': 'ERP document',
  other: 'Effect',
};

/**
 * The effect's amount as recorded: integer minor units. The record carries no currency, so no
 * decimal point is guessed (a yen amount has none).
 */
function amount(minor: number | null): string {
  return minor === null ? '' : ` · ${minor} minor units`;
}

/** ERP document kinds as a bookkeeper names them. */
const ERP_TYPE: Record<string, string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  'credit-memo': 'Credit memo',
  journal: 'Journal entry',
  dispute: 'Dispute',
  customer: 'Customer',
};

/** The Ledger page's tab listing a document kind of the built-in ledger. */
const LEDGER_TAB: Record<string, string> = {
  invoice: 'invoices',
  payment: 'payments',
  'credit-memo': 'credit-memos',
  journal: 'journal',
  dispute: 'disputes',
};

/** How the run's ERP effect ended: settled (done), pending (outcome unknown yet), released. */
function effectStatus(doc: RunDocument): string {
  return `${amount(doc.amountMinor)} · ${doc.status}${doc.foundExisting ? ' · already there (not done again)' : ''}`;
}

/**
 * An ERP document as the ERP shows it ("Invoice shopify-order-1001", "Payment PB7K…", a customer
 * by name), so it can be found there: the built-in ledger's open in the Ledger page.
 */
function ErpDocumentItem({ doc, erp }: { doc: RunDocument; erp: NonNullable<RunDocument['erp']> }) {
  const kind = ERP_TYPE[erp.type] ?? erp.type;
  const tab = erp.system === 'built-in' ? LEDGER_TAB[erp.type] : undefined;
  const where = erp.system === 'built-in' ? 'built-in ledger' : 'QuickBooks';
  return (
    <li data-testid="run-document">
      <strong>{kind}</strong>{' '}
      {erp.type === 'customer' && erp.name ? (
        <>
          {erp.name}
          <span className="hint"> · {erp.number}</span>
        </>
      ) : tab ? (
        <a
          href={`/ledger/${ledgerTab(tab)}`}
          title={`Open the ledger's ${tab.replace('-', ' ')}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/ledger/${ledgerTab(tab)}`);
          }}
        >
          {erp.number}
        </a>
      ) : (
        <code>{erp.number}</code>
      )}
      <span className="hint">
        {' '}
        · {where}
        {erp.number !== erp.reference && erp.type !== 'customer'
          ? ` · reference ${erp.reference}`
          : ''}
        {doc.shopifyOrderId ? ` · order ${doc.shopifyOrderId}` : ''}
        {effectStatus(doc)}
      </span>
    </li>
  );
}

/** One created document: the ledger's open in the Ledger page, remote ids shown as they are. */
function DocumentItem({ doc }: { doc: RunDocument }) {
  if (doc.erp) return <ErpDocumentItem doc={doc} erp={doc.erp} />;
  const label = `${KIND[doc.kind]}${doc.operation ? ` ${doc.operation}` : ''}`;
  const id = doc.remoteId ?? doc.reference;
  return (
    <li data-testid="run-document">
      <strong>{label}</strong>{' '}
      {doc.ledger ? (
        <a
          href={`/ledger/${ledgerTab(`${doc.ledger.type}s`)}`}
          title={`Open the ledger's ${doc.ledger.type}s`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/ledger/${ledgerTab(`${doc.ledger?.type ?? ''}s`)}`);
          }}
        >
          {doc.ledger.type} {doc.ledger.ref}
        </a>
      ) : (
        <code>{id}</code>
      )}
      {doc.shopifyOrderId && doc.kind !== 'shopify' && (
        <span className="hint"> · order {doc.shopifyOrderId}</span>
      )}
      <span className="hint">{effectStatus(doc)}</span>
    </li>
  );
}

/**
 * The run as a whole, shown while no node is selected: why it failed (with a jump to the failed
 * node), when it resumes, the runs of the same event, the documents it created and the trigger
 * event.
 */
export function RunSummaryPanel({
  run,
  onSelectNode,
}: {
  run: RunDetail;
  onSelectNode?: (nodeId: string) => void;
}) {
  const error = describeStepError(run.error);
  return (
    <section aria-label="Run summary" data-testid="run-summary">
      {error && (
        <div className="error-block" role="group" aria-label="Run error">
          <h2>Why it failed</h2>
          <p data-testid="run-error">
            {error.code && <code>{error.code}</code>} {error.message}
          </p>
          {run.failedNodeId && onSelectNode && (
            <button
              type="button"
              className="link-button"
              onClick={() => onSelectNode(run.failedNodeId as string)}
            >
              Show the failed node <code>{run.failedNodeId}</code>
            </button>
          )}
        </div>
      )}
      {run.nextAttemptAt && (
        <p>
          Next attempt at <strong>{new Date(run.nextAttemptAt).toLocaleString()}</strong>
        </p>
      )}
      {run.related.length > 0 && (
        <>
          <h2>Other runs of this event</h2>
          <ul className="plain-list" data-testid="related-runs">
            {run.related.map((r) => (
              <li key={r.id}>
                {RELATION[r.relation]} <RunLink id={r.id} />{' '}
                <RunStatusBadge status={r.operatorStatus} />{' '}
                <span className="hint">{new Date(r.createdAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {run.documents.length > 0 && (
        <>
          <h2>Documents</h2>
          <ul className="plain-list" data-testid="run-documents">
            {run.documents.map((d) => (
              <DocumentItem key={`${d.nodeId}:${d.reference}`} doc={d} />
            ))}
          </ul>
        </>
      )}
      <h2>Trigger event</h2>
      {run.dataPrunedAt && run.trigger == null ? (
        <p className="hint">Removed by the retention policy on {run.dataPrunedAt}.</p>
      ) : (
        <pre data-testid="run-trigger">{JSON.stringify(run.trigger, null, 2)}</pre>
      )}
      <p className="hint">
        Event <code>{run.eventId.slice(0, 8)}</code> · select a node on the canvas to see its input,
        output and error.
      </p>
    </section>
  );
}
