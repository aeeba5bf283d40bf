/**
 * The figures fraud teams report (docs: ROC AUC, average precision, precision/recall at a
 * threshold, precision at the top k), computed exactly over (score, label) pairs. Ties are
 * handled as ties: orders with equal scores are ranked together, never in input order.
 *
 * @module
 */

/** Radar's defaults: review from 65, block from 75 (0-99 scale). */
export const REVIEW_THRESHOLD = 65;
export const BLOCK_THRESHOLD = 75;

export interface Scored {
  score: number;
  fraud: boolean;
}

/** Probability that a random fraud outscores a random legitimate order (ties count half). */
export function rocAuc(items: Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (sorted[k]!.fraud) {
        rankSum += midRank;
        positives++;
      }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Area under the precision-recall step curve, thresholds at each distinct score. */
export function averagePrecision(items: Scored[]): number {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const positives = sorted.filter((x) => x.fraud).length;
  if (positives === 0) return NaN;
  let tp = 0;
  let ap = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    let tpHere = 0;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) {
      if (sorted[j]!.fraud) tpHere++;
      j++;
    }
    tp += tpHere;
    ap += (tpHere / positives) * (tp / j);
    i = j;
  }
  return ap;
}

/** Precision and recall of flagging every order with score >= threshold. */
export function atThreshold(
  items: Scored[],
  threshold: number,
): { precision: number; recall: number; flagged: number } {
  const flagged = items.filter((x) => x.score >= threshold);
  const tp = flagged.filter((x) => x.fraud).length;
  const positives = items.filter((x) => x.fraud).length;
  return {
    precision: flagged.length ? tp / flagged.length : NaN,
    recall: positives ? tp / positives : NaN,
    flagged: flagged.length,
  };
}

/**
 * Share of fraud among the top `fraction` of orders by score (what a review team that looks at
 * that many orders finds). Orders tied with the last one are included pro rata.
 */
export function precisionAtTop(items: Scored[], fraction: number): number {
  const k = Math.max(1, Math.round(items.length * fraction));
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const cut = sorted[k - 1]!.score;
  const above = sorted.filter((x) => x.score > cut);
  const tied = sorted.filter((x) => x.score === cut);
  const tpAbove = above.filter((x) => x.fraud).length;
  const tiedRate = tied.filter((x) => x.fraud).length / tied.length;
  return (tpAbove + (k - above.length) * tiedRate) / k;
}

/** Everything `fraud:eval` and retraining report for one score over the same orders. */
export interface Figures {
  rocAuc: number;
  averagePrecision: number;
  review: { precision: number; recall: number; flagged: number };
  block: { precision: number; recall: number; flagged: number };
  precisionTop1Percent: number;
}

export function figures(items: Scored[]): Figures {
  return {
    rocAuc: rocAuc(items),
    averagePrecision: averagePrecision(items),
    review: atThreshold(items, REVIEW_THRESHOLD),
    block: atThreshold(items, BLOCK_THRESHOLD),
    precisionTop1Percent: precisionAtTop(items, 0.01),
  };
}
