import { PermanentError } from './errors';

/** A date from a checkpoint (a Date, or the string a store read back), if it is one. */
export function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Data as it will read back from the store. Normalising before anything downstream sees it
 * makes a fresh execution behave exactly like one resumed from checkpoints (dates as strings,
 * no `undefined` fields, no shared mutable objects between steps).
 */
export function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** {@link toJson} for a node's data: what cannot be stored fails the step, naming what it was. */
export function toJsonOrFail(value: unknown, what: string): unknown {
  try {
    return toJson(value);
  } catch (err) {
    throw new PermanentError(
      'OUTPUT_INVALID',
      `The node's ${what} cannot be stored as JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
