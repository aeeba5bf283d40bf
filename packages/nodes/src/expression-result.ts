import { PermanentError } from '@paybridge/engine';

function isFunctionLike(value: object): boolean {
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return marked._jsonata_function === true || marked._jsonata_lambda === true;
}

function convert(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (Array.isArray(value)) {
    return value.map((item, index) =>
      item === undefined ? null : convert(item, `${path}[${index}]`),
    );
  } else if (typeof value === 'object' && !isFunctionLike(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, convert(item, `${path}.${key}`)]),
    );
  }
  throw new PermanentError(
    'EXPRESSION_RESULT_NOT_DATA',
    `the expression produced ${typeof value === 'object' || typeof value === 'function' ? 'a function' : String(value)} at ${path}, which is not JSON data`,
  );
}

/**
 * Turns what JSONata returned into plain JSON data, exactly as it will be stored: sequences become
 * ordinary arrays, absent fields disappear, "no match" becomes `null`. Functions (`$sum` without
 * arguments) and non-finite numbers cannot be stored and fail the step permanently. Objects are
 * rebuilt with `Object.fromEntries`, so a `__proto__` key stays a plain key.
 */
export function toPlainData(result: unknown): unknown {
  return result === undefined ? null : convert(result, '$');
}
