import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { navigate } from '../app/router';
import { formatMoney } from '../ledger/money';
import { QueryView } from '../ledger/query-view';
import { RunStatusBadge } from '../runs/run-status-badge';
import { DeadlineCell } from './deadline-cell';
import { channelLabel, outcomeText } from './dispute-labels';
import { getCase, packetUrl, type DisputeCaseDetail } from './disputes-api';
import { disputesKeys } from './disputes-keys';
import { caseReason } from './disputes-table';
import { OrderLink } from './order-link';
import { StatusPill } from './status-pill';
import '../ledger/ledger.css';
import './disputes.css';

/** An in-app link that moves without reloading. */
function Go({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/**
 * `/disputes/<id>`: one chargeback case: its facts and deadline, the evidence packet to download
 * (PDF to send, JSON for other tools), what happened to it (intake reports, postings, packet,
 * notifications, reminders, each with its run) and its outcome.
 */
export function DisputeCasePage({ caseId, liveMs = 5000 }: { caseId: string; liveMs?: number }) {
  const detail = useQuery({
    queryKey: disputesKeys.case(caseId),
    queryFn: () => getCase(caseId),
    refetchInterval: liveMs,
  });
  return (
    <main className="page-body disputes-page">
      <p>
        <Go to="/disputes">← All disputes</Go>
      </p>
      <QueryView query={detail} what="the case" isEmpty={() => false} empty={null}>
        {(data) => <CaseView detail={data} />}
      </QueryView>
    </main>
  );
}

function CaseView({ detail }: { detail: DisputeCaseDetail }) {
  const c = detail.case;
  const outcome = outcomeText(c.status);
  return (
    <>
      <header className="page-header">
        <h1>Case {c.caseNumber}</h1>
        <StatusPill status={c.status} />
      </header>
      {outcome && (
        <p className={c.status === 'won' ? 'balanced-note' : 'error-text'} data-testid="outcome">
          {outcome}
        </p>
      )}
      <dl className="dispute-facts" data-testid="case-facts">
        <dt>Amount</dt>
        <dd>{formatMoney(c.amount, c.currency)}</dd>
        <dt>Reason</dt>
        <dd>{caseReason(c)}</dd>
        <dt>Evidence due</dt>
        <dd>
          <DeadlineCell c={c} />
        </dd>
        <dt>Opened</dt>
        <dd>{c.openedOn}</dd>
        <dt>Reported by</dt>
        <dd>{c.channels.map(channelLabel).join(', ')}</dd>
        <dt>Order</dt>
        <dd>
          <OrderLink c={c} />
        </dd>
        <dt>Transaction</dt>
        <dd>
          {c.transactionId ?? '—'}
          {c.cardLast4 && <span className="hint"> card ending {c.cardLast4}</span>}
        </dd>
        <dt>Processor</dt>
        <dd>{c.processor}</dd>
        <dt>Ledger case</dt>
        <dd>
          <Go to="/ledger/disputes">
            <code>{c.erpRef}</code>
          </Go>
        </dd>
      </dl>

      <section className="card" aria-labelledby="packet-title">
        <h2 id="packet-title">Evidence packet</h2>
        {c.hasPacket ? (
          <p className="page-actions">
            <a className="download-link" href={packetUrl(c.id, 'pdf')} download>
              Download packet PDF
            </a>
            <a className="download-link" href={packetUrl(c.id, 'json')} download>
              Download packet JSON
            </a>
          </p>
        ) : (
          <p className="hint">
            Not assembled yet: the Chargeback flow builds it from the Shopify order and the PayTrace
            transaction right after the case opens.
          </p>
        )}
      </section>

      {detail.postings.length > 0 && (
        <section aria-labelledby="postings-title">
          <h2 id="postings-title">Ledger postings</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Posting</th>
                <th scope="col">Memo</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.postings.map((p) => (
                <tr key={p.journalId}>
                  <td>{p.date}</td>
                  <td>{p.kind}</td>
                  <td>{p.memo ?? ''}</td>
                  <td className="num">{formatMoney(p.amount, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {detail.timeline.length === 0 ? (
          <p className="hint">Nothing recorded yet.</p>
        ) : (
          <ol className="dispute-timeline" data-testid="case-timeline">
            {detail.timeline.map((t, i) => (
              <li key={`${t.at}-${i}`}>
                <time dateTime={t.at}>{new Date(t.at).toLocaleString()}</time>
                {t.summary}
                {t.channel && <span className="hint"> · {channelLabel(t.channel)}</span>}
                {t.runId && (
                  <>
                    {' '}
                    <Go to={`/runs/${encodeURIComponent(t.runId)}`}>run</Go>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {detail.runs.length > 0 && (
        <section aria-labelledby="runs-title">
          <h2 id="runs-title">Runs</h2>
          <ul>
            {detail.runs.map((r) => (
              <li key={r.id}>
                <Go to={`/runs/${encodeURIComponent(r.id)}`}>
                  {new Date(r.createdAt).toLocaleString()}
                </Go>{' '}
                <RunStatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
