import type { FraudReason } from './fraud-api';
import { weightText } from './fraud-format';
import { reasonBars } from './reason-scale';

/**
 * Every reason of a score as a bar around a centre line: to the right (red) what raised the risk,
 * to the left (green) what lowered it, longest first, with the words and the weight beside it,
 * so an operator sees what decided the score before reading a word.
 */
export function ReasonBars({ reasons }: { reasons: readonly FraudReason[] }) {
  if (reasons.length === 0) {
    return <p className="hint">The model gave no reasons for this score.</p>;
  }
  return (
    <ol className="reason-bars" aria-label="What moved the score" data-testid="reason-bars">
      {reasonBars(reasons).map(({ reason, share, raises }) => {
        const bar = (
          <span
            className={`reason-bar ${raises ? 'reason-raises' : 'reason-lowers'}`}
            style={{ width: `${Math.round(share * 1000) / 10}%` }}
            data-testid="reason-bar"
          />
        );
        return (
          <li key={`${reason.feature}-${reason.text}`} data-testid={`reason-${reason.feature}`}>
            <span className="reason-text">{reason.text}</span>
            <span className="reason-track" aria-hidden="true">
              <span className="reason-half reason-half-lowers">{!raises && bar}</span>
              <span className="reason-half reason-half-raises">{raises && bar}</span>
            </span>
            <span
              className={`reason-weight ${raises ? 'reason-raises-text' : 'reason-lowers-text'}`}
            >
              {weightText(reason.weight)}
              <span className="sr-only">{raises ? ' raises the risk' : ' lowers the risk'}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** The first reasons of a score in one line each, with an arrow for their direction (lists). */
export function TopReasons({
  reasons,
  count = 3,
}: {
  reasons: readonly FraudReason[];
  count?: number;
}) {
  if (reasons.length === 0) return <span className="hint">—</span>;
  return (
    <ul className="top-reasons">
      {reasonBars(reasons)
        .slice(0, count)
        .map(({ reason, raises }) => (
          <li
            key={`${reason.feature}-${reason.text}`}
            className={raises ? 'reason-raises-text' : 'reason-lowers-text'}
          >
            <span aria-label={raises ? 'raises the risk' : 'lowers the risk'}>
              {raises ? '▲' : '▼'}
            </span>{' '}
            <span className="top-reason-text">{reason.text}</span>
          </li>
        ))}
    </ul>
  );
}
