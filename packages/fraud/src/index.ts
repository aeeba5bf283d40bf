/**
 * Browser-safe entry point of fraud scoring: inputs, features, model evaluation. Server-only
 * pieces (IP geolocation) are in `./server`; the generator and the evaluation harness are used by
 * `npm run fraud:eval` and tests only.
 *
 * @module
 */
export * from './order';
export * from './order-schema';
export { addressKey, cardKey, deviceKey, emailKey, ipOf, toMinor } from './keys';
export { formatMoney, minorDigits } from './money';
export {
  extractFeatures,
  ORDER_CURRENCY,
  toArray,
  type FeatureContext,
  type FeatureVector,
} from './features/extract';
export { FEATURES, FEATURE_NAMES, type FeatureName } from './features/catalogue';
export { parseModelArtefact, MODEL_FORMAT, type ModelArtefact } from './model/artefact';
export { scoreFeatures, type ModelScore, type ScoreReason } from './model/evaluate';
export { defaultModel } from './model/default-model';
export {
  retrain,
  RETRAIN_DEFAULTS,
  RETRAIN_MINIMUM,
  type LabelledExample,
  type OutcomeLabel,
  type RetrainInput,
  type RetrainResult,
} from './model/retrain';
export { type Figures } from './evaluation/metrics';
