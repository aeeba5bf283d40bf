import { isPlainJsonData, PermanentError } from '@paybridge/engine';

function isFunctionLike(value: object): boolean {
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return marked._jsonata_function === true || marked._jsonata_lambda === true;
}

/** JSONata marks the arrays it builds (sequences); such an array becomes an ordinary one. */
function isMarked(value: unknown[]): boolean {
  return (
    Object.hasOwn(value, 'sequence') ||
    Object.hasOwn(value, 'keepSingleton') ||
    Object.hasOwn(value, 'outerWrapper') ||
    Object.hasOwn(value, 'tupleStream') ||
    Object.hasOwn(value, 'push')
  );
}

/** Where a value sits in the result, for the error message only: `$.lines[3].sku`. */
type Where = (string | number)[];

function pathOf(where: Where): string {
  return where.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/**
 * Converts a value; parts that already are plain data come back as they are, not copied (a body
 * passed on by a mapping is neither copied nor walked again).
 */
function convert(value: unknown, where: Where): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'object' && isPlainJsonData(value)) {
    return value;
  } else if (Array.isArray(value)) {
    let copy: unknown[] | undefined = isMarked(value) ? Array.from(value as unknown[]) : undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      where.push(index);
      const plain = item === undefined ? null : convert(item, where);
      where.pop();
      if (plain !== item) (copy ??= Array.from(value as unknown[]))[index] = plain;
    }
    return copy ?? value;
  } else if (typeof value === 'object' && !isFunctionLike(value)) {
    const record = value as Record<string, unknown>;
    const proto = Object.getPrototypeOf(value) as unknown;
    const keys = Object.keys(record);
    // Entries of the copy, started at the first key that needs one.
    let copy: [string, unknown][] | undefined = proto !== Object.prototype ? [] : undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const item = record[key];
      where.push(key);
      const plain = item === undefined ? undefined : convert(item, where);
      where.pop();
      if (!copy && (plain !== item || item === undefined)) {
        copy = keys.slice(0, i).map((k) => [k, record[k]]);
      }
      if (copy && plain !== undefined) copy.push([key, plain]);
    }
    return copy ? Object.fromEntries(copy) : value;
  }
  throw new PermanentError(
    'EXPRESSION_RESULT_NOT_DATA',
    `the expression produced ${typeof value === 'object' || typeof value === 'function' ? 'a function' : String(value)} at $${pathOf(where)}, which is not JSON data`,
  );
}

/**
 * Turns what JSONata returned into plain JSON data, exactly as it will be stored: sequences become
 * ordinary arrays, absent fields disappear, "no match" becomes `null`. Functions (`$sum` without
 * arguments) and non-finite numbers cannot be stored and fail the step permanently. Objects that
 * need a change are rebuilt with `Object.fromEntries`, so a `__proto__` key stays a plain key;
 * parts that need none are kept as they are (a large body passes through a mapping uncopied).
 */
export function toPlainData(result: unknown): unknown {
  return result === undefined ? null : convert(result, []);
}
