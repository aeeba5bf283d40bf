import json from './fraud-model.json';
import { parseModelArtefact, type ModelArtefact } from './artefact';

let cached: ModelArtefact | undefined;

/** The shipped model (trained by `npm run fraud:eval -- --write` on the generator's data). */
export function defaultModel(): ModelArtefact {
  cached ??= parseModelArtefact(json);
  return cached;
}
