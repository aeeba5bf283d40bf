/**
 * How a step's input and output are stored: each value once. A node's input is the output of the
 * step before it, so it is stored as a reference to that step (`input_from`, its seq); the
 * trigger's output is the event's payload (`output_base = 'event'`); and an output that is its
 * input with a few fields changed (a map merging a field into the payload) is stored as the
 * difference from its input (`output_base = 'input'`). With 100 KB bodies through ten maps, a run
 * stores about one body instead of twenty-three. Every reader of step data (resume, the run
 * view, retry, replay, the mapping editor's run data) goes through {@link decodeStepValues}.
 */

/** Where a stored output comes from: itself (null), the event's payload, or a delta over the input. */
export type OutputBase = 'event' | 'input' | null;

/** The stored form of one step's values. */
export interface EncodedValues {
  input: unknown;
  inputFrom: number | null;
  output: unknown;
  outputBase: OutputBase;
}

/** The stored columns a reader decodes, as they come back from Postgres. */
export interface StoredValues {
  seq: number;
  input: unknown;
  output: unknown;
  inputFrom: number | null;
  outputBase: string | null;
}

type Path = (string | number)[];

/**
 * The difference between an input and an output: from the input's value at `b` (default: the
 * input itself; a map of `body` starts from the trigger's `body`), keys removed (`d`), values set
 * (`s`), and places that hold that whole value (`i`, as a `respond` body does).
 */
interface Delta {
  b?: Path;
  d?: Path[];
  s?: [Path, unknown][];
  i?: Path[];
}

/** More changes than this and the output is stored whole: its delta would save little. */
const MAX_DELTA_OPS = 64;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Structural equality of JSON values (key order ignored, as jsonb does). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

class TooManyChanges extends Error {}

/**
 * The delta turning `input` into `output`, or null when storing the output whole is better. It
 * starts from the input itself or, failing that, from one of its top-level objects.
 */
export function diffValues(input: unknown, output: unknown): Delta | null {
  if (!isObject(input) || !isObject(output)) return null;
  let best = diffFrom(input, output);
  for (const [key, value] of Object.entries(input)) {
    if (!isObject(value)) continue;
    const delta = diffFrom(value, output);
    if (delta && (!best || size(delta) < size(best))) best = { b: [key], ...delta };
  }
  return best;
}

function size(delta: Delta): number {
  return (delta.d?.length ?? 0) + (delta.s?.length ?? 0) + (delta.i?.length ?? 0);
}

function diffFrom(input: Record<string, unknown>, output: Record<string, unknown>): Delta | null {
  const d: Path[] = [];
  const s: [Path, unknown][] = [];
  const i: Path[] = [];
  const inputKeys = Object.keys(input).length;
  const count = () => {
    if (d.length + s.length + i.length > MAX_DELTA_OPS) throw new TooManyChanges();
  };
  const walk = (a: unknown, b: unknown, path: Path): void => {
    if (a === b) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.prototype.hasOwnProperty.call(b, key)) {
          d.push([...path, key]);
          count();
        }
      }
      for (const [key, value] of Object.entries(b)) {
        if (Object.prototype.hasOwnProperty.call(a, key)) walk(a[key], value, [...path, key]);
        else set([...path, key], value);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let k = 0; k < a.length; k++) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (!jsonEqual(a, b)) set(path, b);
  };
  const set = (path: Path, value: unknown): void => {
    // A value that is the whole input (a response body echoing it) is stored as a mark.
    if (isObject(value) && Object.keys(value).length === inputKeys && jsonEqual(value, input)) {
      i.push(path);
    } else {
      s.push([path, value]);
    }
    count();
  };
  try {
    walk(input, output, []);
  } catch (err) {
    if (err instanceof TooManyChanges) return null;
    throw err;
  }
  // Nothing in common with the input: the delta would be the output itself, in pieces.
  if (d.length === inputKeys && i.length === 0) return null;
  return {
    ...(d.length > 0 ? { d } : {}),
    ...(s.length > 0 ? { s } : {}),
    ...(i.length > 0 ? { i } : {}),
  };
}

/** A copy of `root` with `path` replaced, sharing every untouched part with it. */
function setIn(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setIn(root[head as number], rest, value, remove);
    return copy;
  }
  const copy: Record<string, unknown> = isObject(root) ? { ...root } : {};
  if (rest.length === 0 && remove) delete copy[head as string];
  else {
    // Defined, not assigned: a `__proto__` key in the data stays a plain key.
    Object.defineProperty(copy, head, {
      value: setIn(copy[head as string], rest, value, remove),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The output a delta describes over its input (null when the input is gone, e.g. pruned). */
export function applyDelta(input: unknown, delta: unknown): unknown {
  if (!isObject(input) || !isObject(delta)) return null;
  const { b = [], d = [], s = [], i = [] } = delta as Delta;
  let base: unknown = input;
  for (const key of b) base = isContainer(base) ? (base as Record<string, unknown>)[key] : null;
  if (!isObject(base)) return null;
  let out: unknown = base;
  for (const path of d) out = setIn(out, path, undefined, true);
  for (const [path, value] of s) out = setIn(out, path, value, false);
  for (const path of i) out = setIn(out, path, base, false);
  return out;
}

/**
 * Encodes the steps of one execution of a run as they are checkpointed. It remembers every
 * output it has seen (and the outputs of the steps the run was loaded with), so that an input
 * that is exactly an earlier step's output, the same object the engine handed on, is stored as
 * a reference to that step.
 */
export class StepValueEncoder {
  private readonly outputs = new Map<object, number>();

  constructor(
    private readonly payload: unknown,
    prior: readonly { seq: number; output: unknown }[] = [],
  ) {
    for (const step of prior) this.remember(step.output, step.seq);
  }

  private remember(output: unknown, seq: number): void {
    if (isContainer(output) && !this.outputs.has(output)) this.outputs.set(output, seq);
  }

  encode(step: { seq: number; input: unknown; output: unknown }): EncodedValues {
    const input = step.input ?? null;
    const output = step.output ?? null;
    const inputFrom = isContainer(input) ? (this.outputs.get(input) ?? null) : null;
    let encoded: EncodedValues = {
      input: inputFrom === null ? input : null,
      inputFrom,
      output,
      outputBase: null,
    };
    if (input === null && isContainer(output) && jsonEqual(output, this.payload)) {
      encoded = { ...encoded, output: null, outputBase: 'event' };
    } else {
      const delta = diffValues(input, output);
      if (delta) encoded = { ...encoded, output: delta, outputBase: 'input' };
    }
    this.remember(output, step.seq);
    return encoded;
  }
}

/**
 * The steps' input and output as they were recorded, from their stored form; `rows` may come in
 * any order. A reference to a step that is not there (or pruned) reads as null.
 */
export function decodeStepValues<R extends StoredValues>(
  rows: readonly R[],
  payload: unknown,
): (Omit<R, 'inputFrom' | 'outputBase'> & { input: unknown; output: unknown })[] {
  const bySeq = new Map<number, unknown>();
  const decoded = new Map<R, { input: unknown; output: unknown }>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const input = row.inputFrom === null ? row.input : (bySeq.get(row.inputFrom) ?? null);
    const output =
      row.outputBase === 'event'
        ? payload
        : row.outputBase === 'input'
          ? applyDelta(input, row.output)
          : row.output;
    bySeq.set(row.seq, output);
    decoded.set(row, { input, output });
  }
  return rows.map((row) => {
    const { inputFrom: _from, outputBase: _base, ...rest } = row;
    return { ...rest, ...(decoded.get(row) as { input: unknown; output: unknown }) };
  });
}
