/**
 * The bar chart of a score's reasons: each reason's bar is its weight against the largest
 * weight of the same score, to the right (red) when it raises the risk and to the left (green)
 * when it lowers it, so the reasons that decided the score are the longest bars.
 *
 * @module
 */
import type { FraudReason } from './fraud-api';

/** One bar: the reason and its length as a share (0-1) of the longest bar. */
export interface ReasonBar {
  reason: FraudReason;
  /** 0-1; the largest |weight| is 1. A reason with weight 0 draws no bar. */
  share: number;
  raises: boolean;
}

/**
 * The bars of a score's reasons, largest contribution first (ties keep the runtime's order).
 * The direction comes from the runtime's `direction`; a weight whose sign disagrees is drawn by
 * its direction, which is what the words beside it say.
 */
export function reasonBars(reasons: readonly FraudReason[]): ReasonBar[] {
  const largest = Math.max(0, ...reasons.map((r) => Math.abs(r.weight)));
  return reasons
    .map((reason, i) => ({ reason, i }))
    .sort((a, b) => Math.abs(b.reason.weight) - Math.abs(a.reason.weight) || a.i - b.i)
    .map(({ reason }) => ({
      reason,
      share: largest === 0 ? 0 : Math.abs(reason.weight) / largest,
      raises: reason.direction === 'raises',
    }));
}
