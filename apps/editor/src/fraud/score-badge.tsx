import type { FraudLevel } from './fraud-api';
import { LEVEL_LABELS, levelTone } from './fraud-format';

/** A score (0-99) in its level's colour, with the level in words beside it. */
export function ScoreBadge({
  score,
  level,
  large = false,
}: {
  score: number | null;
  level: FraudLevel | null;
  large?: boolean;
}) {
  const tone = levelTone(level);
  return (
    <span
      className={`score-badge score-${tone}${large ? ' score-large' : ''}`}
      data-testid="score-badge"
      title={
        level ? `Score ${score ?? '—'} of 99, ${LEVEL_LABELS[level].toLowerCase()} risk` : undefined
      }
    >
      <span className="score-number">{score ?? '—'}</span>
      <span className="score-level">{level ? LEVEL_LABELS[level] : 'No score'}</span>
    </span>
  );
}
