import { PermanentError } from './errors';

/** A date from a checkpoint (a Date, or the string a store read back), if it is one. */
export function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Properties JSONata sets on the arrays it builds; JSON would drop them. */
const ARRAY_MARKS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons', 'push'];

/** Deeper than this, data is normalised through JSON text (which also reports cycles). */
const MAX_PLAIN_DEPTH = 500;

/**
 * Objects and arrays already found to be plain JSON all the way down. Run data is read-only once
 * produced (executors never change their input), so a subtree found plain stays plain, and the
 * next node that hands it on skips it: a body that passes ten nodes is walked once, not ten times.
 */
const knownPlain = new WeakSet<object>();
const REMEMBER_FROM = 16;

/**
 * Whether `value` already is what JSON would read back: strings, finite numbers, booleans,
 * null, arrays without extra properties, and plain objects without `undefined` fields or
 * `toJSON`, all the way down. Checked without copying anything.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null || knownPlain.has(value)) return true;
      if (depth > MAX_PLAIN_DEPTH) return false;
      let entries = 0;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (const mark of ARRAY_MARKS) if (Object.hasOwn(value, mark)) return false;
        for (let i = 0; i < value.length; i++) {
          if (!isPlainJson(value[i], depth + 1)) return false;
        }
        entries = value.length;
      } else {
        if (Object.getPrototypeOf(value) !== Object.prototype) return false;
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
        for (const key in value) {
          if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
          entries++;
        }
      }
      // Small containers are quicker to check again than to remember (a weak set has its cost).
      if (entries >= REMEMBER_FROM) knownPlain.add(value);
      return true;
    }
    default:
      return false;
  }
}

/**
 * Whether `value` is plain JSON data already (see {@link toJson}); a converter uses it to keep
 * such parts as they are instead of copying them.
 */
export function isPlainJsonData(value: unknown): boolean {
  return isPlainJson(value, 0);
}

/**
 * Data as it will read back from the store. Normalising before anything downstream sees it
 * makes a fresh execution behave exactly like one resumed from checkpoints (dates as strings,
 * no `undefined` fields). Data that already is plain JSON is returned as it is, not copied: a
 * step's output then shares its unchanged parts with its input, so a large body costs nothing
 * per node it passes. Executors treat their input as read-only.
 */
export function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (isPlainJson(value, 0)) return value;
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
