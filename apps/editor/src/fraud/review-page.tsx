import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Me } from '../api/auth-api';
import { QueryView } from '../ledger/query-view';
import { hasRole } from '../lib/roles';
import { CustomerHistory } from './customer-history';
import { DecisionDialog } from './decision-dialog';
import { decideReview, getReview, type FraudReviewDetail } from './fraud-api';
import { ageText, deadlineNote, decidedText, statusText } from './fraud-format';
import { fraudKeys } from './fraud-keys';
import { InAppLink } from './in-app-link';
import { ReasonBars } from './reason-bars';
import { ReviewSignals } from './review-signals';
import { ScoreBadge } from './score-badge';
import '../ledger/ledger.css';
import './fraud.css';

/**
 * `/fraud/<id>`: one held order: its score and every reason as a bar, the signals behind them,
 * the customer's history, and, for operators while it waits, Approve (capture) and Reject (void,
 * cancel) with a note. Viewers see the same page without the buttons.
 */
export function ReviewPage({
  reviewId,
  me,
  liveMs = 5000,
}: {
  reviewId: string;
  me: Me;
  liveMs?: number;
}) {
  const detail = useQuery({
    queryKey: fraudKeys.review(reviewId),
    queryFn: () => getReview(reviewId),
    refetchInterval: liveMs,
  });
  return (
    <main className="page-body fraud-page">
      <p>
        <InAppLink to="/fraud">← Review queue</InAppLink>
      </p>
      <QueryView query={detail} what="the review" isEmpty={() => false} empty={null}>
        {(data) => <ReviewView detail={data} canDecide={hasRole(me.role, 'operator')} />}
      </QueryView>
    </main>
  );
}

function ReviewView({ detail, canDecide }: { detail: FraudReviewDetail; canDecide: boolean }) {
  const qc = useQueryClient();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const r = detail.review;
  const name = r.orderName ?? `Order ${r.orderId}`;
  const now = Date.now();
  const deadline = deadlineNote(r, now);
  const decided = decidedText(r);
  return (
    <>
      <header className="fraud-header">
        <h1>{name}</h1>
        <ScoreBadge score={r.score} level={r.level} large />
        <span className={`review-status review-${r.status}`} data-testid="review-status">
          {statusText(r)}
        </span>
      </header>
      <p className="hint" data-testid="review-when">
        {ageText(r, now)}
        {deadline && (
          <span className={deadline.urgent ? 'fraud-urgent' : undefined}> · {deadline.text}</span>
        )}
        {decided && <> · {decided}</>}
      </p>
      {r.note && (
        <p data-testid="review-note">
          <strong>Note:</strong> {r.note}
        </p>
      )}
      {done && (
        <p className="balanced-note" role="status">
          {done}
        </p>
      )}
      {r.status === 'waiting' &&
        (canDecide ? (
          <div className="page-actions fraud-actions">
            <button type="button" className="primary" onClick={() => setDeciding('approve')}>
              Approve (capture)
            </button>
            <button type="button" className="danger" onClick={() => setDeciding('reject')}>
              Reject (void and cancel)
            </button>
          </div>
        ) : (
          <p className="hint">An operator decides on held orders; you can look but not decide.</p>
        ))}
      {deciding && (
        <DecisionDialog
          decision={deciding}
          orderName={name}
          onClose={() => setDeciding(null)}
          onDecide={async (note) => {
            try {
              const decidedReview = await decideReview(r.id, deciding, note);
              setDeciding(null);
              setDone(
                decidedReview.status === 'approved'
                  ? `Approved: the run continues and captures the payment.`
                  : `Rejected: the run continues and voids the payment.`,
              );
            } finally {
              // Decided here or elsewhere (409): the queue and this page show what stands now.
              await qc.invalidateQueries({ queryKey: fraudKeys.all });
            }
          }}
        />
      )}

      <section aria-labelledby="reasons-title">
        <h2 id="reasons-title">Why this score</h2>
        <ReasonBars reasons={r.reasons} />
        {detail.modelVersion && <p className="hint">Model {detail.modelVersion}</p>}
      </section>
      <div className="fraud-columns">
        <ReviewSignals detail={detail} />
        <CustomerHistory detail={detail} />
      </div>
    </>
  );
}
