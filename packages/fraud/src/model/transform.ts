import { FEATURES, FEATURE_NAMES, type Transform } from '../features/catalogue';
import type { FeatureVector } from '../features/extract';

/** The monotone transform a feature goes through before the linear model. */
export function applyTransform(transform: Transform, value: number): number {
  return transform === 'log1p' ? Math.log1p(Math.max(0, value)) : value;
}

/** A feature vector as the trainer's row: catalogue order, each feature through its transform. */
export function transformedRow(features: FeatureVector): number[] {
  return FEATURE_NAMES.map((name) => applyTransform(FEATURES[name].transform, features[name]));
}
