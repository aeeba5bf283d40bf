import type { FraudReview } from './fraud-api';
import { ageText, deadlineNote, decidedText, statusText, totalText } from './fraud-format';
import { InAppLink } from './in-app-link';
import { TopReasons } from './reason-bars';
import { ScoreBadge } from './score-badge';

/** The reviews of the queue in the runtime's order (waiting first, oldest first). */
export function ReviewsTable({ reviews, now }: { reviews: FraudReview[]; now: number }) {
  return (
    <table className="table fraud-table" data-testid="reviews-table">
      <caption className="sr-only">Orders held for fraud review</caption>
      <thead>
        <tr>
          <th scope="col">Score</th>
          <th scope="col">Order</th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col">Status</th>
          <th scope="col">Top reasons</th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => {
          const deadline = deadlineNote(r, now);
          const decided = decidedText(r);
          const name = r.orderName ?? `Order ${r.orderId}`;
          return (
            <tr key={r.id} data-testid={`review-${r.orderName ?? r.orderId}`}>
              <td>
                <ScoreBadge score={r.score} level={r.level} />
              </td>
              <td>
                <InAppLink to={`/fraud/${encodeURIComponent(r.id)}`}>{name}</InAppLink>
                {r.email && <div className="hint">{r.email}</div>}
              </td>
              <td className="num">{totalText(r.amount)}</td>
              <td>
                <span className={`review-status review-${r.status}`}>{statusText(r)}</span>
                <div className="hint">{ageText(r, now)}</div>
                {deadline && (
                  <div
                    className={deadline.urgent ? 'fraud-urgent' : 'hint'}
                    data-testid="review-deadline"
                  >
                    {deadline.text}
                  </div>
                )}
                {decided && <div className="hint">{decided}</div>}
              </td>
              <td>
                <TopReasons reasons={r.reasons} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
