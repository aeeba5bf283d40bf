/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares). Chosen over a library because the mljs package has no regularisation or sample
 * weights; with ~40 standardised features Newton converges in a handful of deterministic steps,
 * and the same inputs give the same weights on every machine.
 *
 * @module
 */

export interface LogisticFit {
  /** Per-feature mean and scale used to standardise (x - mean) / scale. */
  means: number[];
  scales: number[];
  weights: number[];
  intercept: number;
  iterations: number;
}

export interface TrainOptions {
  /** L2 penalty on the standardised weights (not on the intercept). */
  l2: number;
  maxIterations: number;
  /** Weight of each positive example relative to a negative one (class imbalance). */
  positiveWeight: number;
  /**
   * Per feature: 1 = weight must be >= 0, -1 = <= 0, 0 or absent = free. Enforced by an active
   * set: a feature whose fitted weight has the wrong sign is held at 0 and the rest refitted,
   * until every weight agrees.
   */
  signs?: readonly number[];
  /**
   * Centre of the L2 penalty, one per feature (standardised weights): the penalty is
   * l2 * sum (w - centre)^2 instead of l2 * sum w^2. Retraining on a merchant's own labels uses
   * the shipped prior's weights here, so few labels move the model only where they disagree.
   */
  centre?: readonly number[];
  /** Standardise with these instead of the rows' own (retraining keeps the prior's scale). */
  standardisation?: { means: readonly number[]; scales: readonly number[] };
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 1, maxIterations: 50, positiveWeight: 1 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b for symmetric positive-definite A (Cholesky). */
export function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite');
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

/** Rows are already transformed (log1p etc.); standardisation happens here and is returned. */
export function trainLogistic(
  rows: number[][],
  labels: number[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LogisticFit {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n === 0 || labels.length !== n) throw new Error('training needs rows with one label each');
  const { means, scales } = options.standardisation
    ? {
        means: [...options.standardisation.means],
        scales: [...options.standardisation.scales],
      }
    : standardisationOf(rows);
  const z = rows.map((r) => r.map((x, j) => (x - means[j]!) / scales[j]!));

  const fixedAtZero = new Set<number>();
  let total = 0;
  for (;;) {
    const active = [...Array(d).keys()].filter((j) => !fixedAtZero.has(j));
    const fit = newton(
      z.map((row) => active.map((j) => row[j]!)),
      labels,
      options,
      active.map((j) => options.centre?.[j] ?? 0),
    );
    total += fit.iterations;
    const weights = new Array<number>(d).fill(0);
    active.forEach((j, k) => (weights[j] = fit.beta[k + 1]!));
    const wrong = active.filter((j) => (options.signs?.[j] ?? 0) * weights[j]! < 0);
    if (wrong.length === 0)
      return { means, scales, weights, intercept: fit.beta[0]!, iterations: total };
    for (const j of wrong) fixedAtZero.add(j);
  }
}

function standardisationOf(rows: number[][]): { means: number[]; scales: number[] } {
  const n = rows.length;
  const d = rows[0]!.length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) scales[j]! += (r[j]! - means[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scales[j] = Math.sqrt(scales[j]!) || 1;
  return { means, scales };
}

/** Newton/IRLS on standardised rows; returns [intercept, w_1..w_d]. */
function newton(
  z: number[][],
  labels: number[],
  options: TrainOptions,
  centre: number[],
): { beta: number[]; iterations: number } {
  const n = z.length;
  const d = z[0]?.length ?? 0;
  // Parameter vector: [intercept, w_1..w_d].
  let beta = new Array<number>(d + 1).fill(0);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let eta = beta[0]!;
      for (let j = 0; j < d; j++) eta += beta[j + 1]! * x[j]!;
      const p = sigmoid(eta);
      const w = labels[i] ? options.positiveWeight : 1;
      const g = w * (p - labels[i]!);
      const h = w * p * (1 - p);
      grad[0]! += g;
      hess[0]![0]! += h;
      for (let j = 0; j < d; j++) {
        const xj = x[j]!;
        grad[j + 1]! += g * xj;
        hess[0]![j + 1]! += h * xj;
        const row = hess[j + 1]!;
        for (let k = 0; k <= j; k++) row[k + 1]! += h * xj * x[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      for (let k = 1; k < j; k++) hess[k]![j] = hess[j]![k]!;
      hess[j]![0] = hess[0]![j]!;
      grad[j]! += options.l2 * (beta[j]! - centre[j - 1]!);
      hess[j]![j]! += options.l2;
    }
    const step = solveSpd(hess, grad);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) {
      iterations++;
      break;
    }
  }
  return { beta, iterations };
}

/** The trainer's own prediction, the reference the run-time evaluator is tested against. */
export function predictLogistic(fit: LogisticFit, row: number[]): number {
  let eta = fit.intercept;
  for (let j = 0; j < row.length; j++)
    eta += (fit.weights[j]! * (row[j]! - fit.means[j]!)) / fit.scales[j]!;
  return sigmoid(eta);
}
