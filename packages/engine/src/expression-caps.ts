import type jsonata from 'jsonata';

/** Code of a failure raised when an expression builds a string or list larger than allowed. */
export const EXPRESSION_LIMIT = 'EXPRESSION_LIMIT';

export interface CapLimits {
  /** Longest string (UTF-16 code units) any step of an evaluation may build. */
  maxStringLength: number;
  /** Most items `$sort` and `$distinct` accept. */
  maxSortItems: number;
  /** Most items of any sequence; also the most pieces `$split` may cut a string into. */
  maxSequence: number;
}

interface LimitFailure {
  code: string;
  message: string;
  position?: number;
}

function limitFailure(what: string, message: string, position?: number): LimitFailure {
  return { code: EXPRESSION_LIMIT, message: `${what}: ${message}`, position };
}

function tooLong(what: string, length: number, limits: CapLimits, position?: number): never {
  throw limitFailure(
    what,
    `would build a string of ${length} characters, more than the limit of ${limits.maxStringLength}`,
    position,
  );
}

type Builtin = { implementation: (...args: unknown[]) => unknown };
type Focus = unknown;
const builtins = new Map<string, Promise<Builtin>>();

/** The library's own implementation of `$name`, which a capped wrapper calls after its checks. */
function builtin(engine: typeof jsonata, name: string): Promise<Builtin> {
  let found = builtins.get(name);
  if (!found) {
    found = engine(`$${name}`).evaluate(null) as Promise<Builtin>;
    builtins.set(name, found);
  }
  return found;
}

async function callBuiltin(
  engine: typeof jsonata,
  name: string,
  focus: Focus,
  args: unknown[],
): Promise<unknown> {
  const fn = await builtin(engine, name);
  return await fn.implementation.apply(focus, args);
}

/**
 * A stable merge sort with O(n) extra memory. JSONata's own `$sort` merges by slicing its
 * arrays at every step, which is quadratic in memory: 100k numbers exhausted a gigabyte.
 * `swap(a, b)` true means b goes first, as in JSONata.
 */
async function mergeSort(
  items: readonly unknown[],
  swap: (a: unknown, b: unknown) => Promise<boolean> | boolean,
): Promise<unknown[]> {
  let src = [...items];
  let dst = new Array<unknown>(src.length);
  for (let width = 1; width < src.length; width *= 2) {
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      const mid = Math.min(lo + width, src.length);
      const hi = Math.min(lo + 2 * width, src.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (await swap(src[i], src[j])) dst[k++] = src[j++];
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  return src;
}

function stringLength(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

/**
 * Registers capped versions of the functions that can build huge values from a small request
 * (`$pad`, `$join`, `$replace`, `$distinct`, `$sort`) on a compiled expression, and a check on
 * every intermediate result that catches any other oversized string (`&` concatenation,
 * `$string`, `$eval`...). Each failure is `EXPRESSION_LIMIT` and names the function.
 */
export function applyCaps(
  engine: typeof jsonata,
  expression: jsonata.Expression,
  limits: CapLimits,
): void {
  const max = limits.maxStringLength;
  expression.registerFunction(
    'pad',
    function (this: Focus, str: unknown, width: unknown, char: unknown) {
      if (typeof width === 'number' && Math.abs(Math.trunc(width)) > max)
        tooLong('$pad', Math.abs(Math.trunc(width)), limits);
      return callBuiltin(engine, 'pad', this, [str, width, char]);
    },
    '<s-ns?:s>',
  );
  expression.registerFunction(
    'join',
    function (this: Focus, strs: unknown, separator: unknown) {
      if (Array.isArray(strs)) {
        const sep = stringLength(separator);
        let total = 0;
        for (const item of strs) {
          total += stringLength(item) + sep;
          if (total > max) tooLong('$join', total, limits);
        }
      }
      return callBuiltin(engine, 'join', this, [strs, separator]);
    },
    '<a<s>s?:s>',
  );
  expression.registerFunction(
    'replace',
    async function (
      this: Focus,
      str: unknown,
      pattern: unknown,
      replacement: unknown,
      limit: unknown,
    ) {
      if (
        typeof str === 'string' &&
        typeof pattern === 'string' &&
        pattern !== '' &&
        typeof replacement === 'string' &&
        replacement.length > pattern.length
      ) {
        let count = 0;
        for (
          let at = str.indexOf(pattern);
          at !== -1;
          at = str.indexOf(pattern, at + pattern.length)
        )
          count++;
        if (typeof limit === 'number') count = Math.min(count, limit);
        const total = str.length + count * (replacement.length - pattern.length);
        if (total > max) tooLong('$replace', total, limits);
      }
      const result = await callBuiltin(engine, 'replace', this, [str, pattern, replacement, limit]);
      if (stringLength(result) > max) tooLong('$replace', stringLength(result), limits);
      return result;
    },
    '<s-(sf)(sf)n?:s>',
  );
  expression.registerFunction(
    'split',
    async function (this: Focus, str: unknown, separator: unknown, limit: unknown) {
      // Cut at most one piece more than allowed: `$split(s, "")` of a 10 MB string would make
      // a 10-million-item array in one allocation, larger than a thread's whole heap.
      const cap = limits.maxSequence + 1;
      const bounded = typeof limit === 'number' ? Math.min(limit, cap) : cap;
      const pieces = await callBuiltin(engine, 'split', this, [str, separator, bounded]);
      if (Array.isArray(pieces) && pieces.length > limits.maxSequence)
        throw limitFailure(
          '$split',
          `would cut the string into more than ${limits.maxSequence} pieces`,
        );
      return pieces;
    },
    '<s-(sf)n?:a<s>>',
  );
  const checkItems = (what: string, arr: unknown): void => {
    if (Array.isArray(arr) && arr.length > limits.maxSortItems)
      throw limitFailure(
        what,
        `got ${arr.length} items, more than the limit of ${limits.maxSortItems}`,
      );
  };
  expression.registerFunction(
    'distinct',
    function (this: Focus, arr: unknown) {
      checkItems('$distinct', arr);
      return callBuiltin(engine, 'distinct', this, [arr]);
    },
    '<x:x>',
  );
  expression.registerFunction(
    'sort',
    async function (this: Focus, arr: unknown, comparator: unknown) {
      checkItems('$sort', arr);
      if (!Array.isArray(arr) || arr.length <= 1) return arr;
      if (typeof comparator !== 'function') {
        const numbers = arr.every((v) => typeof v === 'number');
        const strings = !numbers && arr.every((v) => typeof v === 'string');
        // Mixed or non-scalar items: the library raises its own error (D3070).
        if (!numbers && !strings) return callBuiltin(engine, 'sort', this, [arr, comparator]);
        return mergeSort(arr, (a, b) => (a as number) > (b as number));
      }
      const swap = comparator as (a: unknown, b: unknown) => Promise<unknown>;
      return mergeSort(arr, async (a, b) => Boolean(await swap(a, b)));
    },
    '<af?:a>',
  );
  expression.registerFunction(
    'eval',
    async function (this: Focus, expr: unknown, focus: unknown) {
      try {
        return await callBuiltin(engine, 'eval', this, [expr, focus]);
      } catch (err) {
        // JSONata wraps a failure inside `$eval` in a D3121 quoting the inner message, escaped
        // again at each level: a recursive `$eval` grows that message exponentially and ran the
        // process out of memory. Rethrow the innermost failure instead, once.
        let inner = err as { code?: string; error?: unknown } | undefined;
        while (inner && (inner.code === 'D3121' || inner.code === 'D3120') && inner.error)
          inner = inner.error as typeof inner;
        throw inner ?? err;
      }
    },
    '<sx?:x>',
  );
  expression.assign(
    Symbol.for('jsonata.__evaluate_exit') as unknown as string,
    (
      node: { type?: string; value?: unknown; position?: number; procedure?: { value?: unknown } },
      _input: unknown,
      _env: unknown,
      result: unknown,
    ) => {
      if (typeof result !== 'string' || result.length <= max) return;
      const what =
        node.type === 'binary' && node.value === '&'
          ? 'string concatenation (&)'
          : node.type === 'function' && typeof node.procedure?.value === 'string'
            ? `$${node.procedure.value}`
            : 'expression';
      tooLong(what, result.length, limits, node.position);
    },
  );
}
