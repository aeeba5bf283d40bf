/**
 * Run-time scoring: a model artefact applied to one feature vector, with the reasons taken from
 * the model itself. A feature's contribution is its weight times its standardised value, i.e.
 * how far this order's value moves the log-odds from an average order's; the reasons are the
 * largest contributions, in the feature's operator words.
 *
 * Written independently of the trainer (only the transform is shared) and tested to agree with
 * the trainer's predictions within 1e-9.
 *
 * @module
 */
import { FEATURES, type FeatureName } from '../features/catalogue';
import { ORDER_CURRENCY, type FeatureVector } from '../features/extract';
import type { ModelArtefact } from './artefact';
import { applyTransform } from './transform';

export interface ScoreReason {
  feature: FeatureName;
  /** Operator words for this order's value. */
  text: string;
  direction: 'raises' | 'lowers';
  /** Contribution to the log-odds (signed), rounded to 3 decimals. */
  weight: number;
}

export interface ModelScore {
  /** Estimated probability of fraud. */
  probability: number;
  /** 0-99, the probability in percent rounded down (Radar's and minFraud's scale). */
  score: number;
  reasons: ScoreReason[];
  modelVersion: string;
}

/** Contributions smaller than this (in log-odds) are not worth an operator's attention. */
const MIN_REASON_WEIGHT = 0.05;

export function scoreFeatures(
  model: ModelArtefact,
  features: FeatureVector,
  maxReasons = 5,
): ModelScore {
  let logOdds = model.intercept;
  const contributions: { feature: FeatureName; value: number; c: number }[] = [];
  for (const f of model.features) {
    const value = features[f.name];
    const c = (f.weight * (applyTransform(f.transform, value) - f.mean)) / f.scale;
    logOdds += c;
    contributions.push({ feature: f.name, value, c });
  }
  const probability =
    logOdds >= 0 ? 1 / (1 + Math.exp(-logOdds)) : Math.exp(logOdds) / (1 + Math.exp(logOdds));
  const reasons = contributions
    .filter((x) => Math.abs(x.c) >= MIN_REASON_WEIGHT)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c) || a.feature.localeCompare(b.feature))
    .slice(0, maxReasons)
    .map<ScoreReason>((x) => ({
      feature: x.feature,
      text: FEATURES[x.feature].describe(x.value, features[ORDER_CURRENCY] ?? null),
      direction: x.c > 0 ? 'raises' : 'lowers',
      weight: Math.round(x.c * 1000) / 1000,
    }));
  return {
    probability,
    score: Math.min(99, Math.floor(probability * 100)),
    reasons,
    modelVersion: model.version,
  };
}
