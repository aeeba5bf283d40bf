/**
 * The versioned model file: everything the evaluator needs, in plain JSON, committed to the repo
 * so a score can always be traced to the exact weights that produced it.
 *
 * @module
 */
import { FEATURES, FEATURE_NAMES, type FeatureName, type Transform } from '../features/catalogue';
import type { LogisticFit } from './train-logistic';

/**
 * Bumped whenever a feature's meaning changes under the same name, so an artefact made for the
 * old meaning is refused instead of misread. /2: `amount` is the total in minor units (was major).
 */
export const MODEL_FORMAT = 'paybridge.fraud.logistic/2';

export interface ModelFeature {
  name: FeatureName;
  transform: Transform;
  mean: number;
  scale: number;
  weight: number;
}

export interface ModelArtefact {
  format: typeof MODEL_FORMAT;
  /** Changes whenever the weights change; recorded with every score. */
  version: string;
  intercept: number;
  features: ModelFeature[];
  /** How it was made and how it did on the held-out period, for the record. */
  provenance: Record<string, unknown>;
}

/**
 * Checks a parsed JSON file is a model this code can evaluate. Unknown features or transforms are
 * refused: a model trained on signals the evaluator does not compute would score silently wrong.
 */
export function parseModelArtefact(json: unknown): ModelArtefact {
  const fail = (why: string): never => {
    throw new Error(`invalid fraud model artefact: ${why}`);
  };
  if (typeof json !== 'object' || json === null) fail('not an object');
  const m = json as Record<string, unknown>;
  if (m['format'] !== MODEL_FORMAT) fail(`format must be ${MODEL_FORMAT}`);
  if (typeof m['version'] !== 'string' || !m['version']) fail('version missing');
  if (typeof m['intercept'] !== 'number' || !Number.isFinite(m['intercept'])) fail('intercept');
  if (!Array.isArray(m['features'])) fail('features must be an array');
  for (const f of m['features'] as Record<string, unknown>[]) {
    const name = f['name'];
    if (typeof name !== 'string' || !(name in FEATURES)) fail(`unknown feature ${String(name)}`);
    if (f['transform'] !== FEATURES[name as FeatureName].transform)
      fail(`feature ${String(name)} has transform ${String(f['transform'])}`);
    for (const k of ['mean', 'scale', 'weight'])
      if (typeof f[k] !== 'number' || !Number.isFinite(f[k])) fail(`feature ${name} ${k}`);
    if ((f['scale'] as number) <= 0) fail(`feature ${name} scale must be positive`);
  }
  return json as ModelArtefact;
}

/** The artefact of a fit over rows in the catalogue's feature order. */
export function toArtefact(
  fit: LogisticFit,
  version: string,
  provenance: Record<string, unknown>,
): ModelArtefact {
  return {
    format: MODEL_FORMAT,
    version,
    intercept: fit.intercept,
    features: FEATURE_NAMES.map((name, j) => ({
      name,
      transform: FEATURES[name].transform,
      mean: fit.means[j]!,
      scale: fit.scales[j]!,
      weight: fit.weights[j]!,
    })),
    provenance,
  };
}
