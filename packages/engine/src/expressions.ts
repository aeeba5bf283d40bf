import jsonata from 'jsonata';
import { applyCaps, EXPRESSION_LIMIT } from './expression-caps';
import { LinearRegExp, REGEX_UNSUPPORTED } from './expression-regex';
import { PermanentError } from './errors';

/** Bounds on one JSONata evaluation, so a runaway expression fails instead of hanging a worker. */
export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation. Default 1000 ms. */
  timeoutMs: number;
  /** Maximum evaluation depth (recursion). Default 500. */
  maxDepth: number;
  /** Maximum length of any sequence built while evaluating. Default 1,000,000. */
  maxSequence: number;
  /** Longest string an evaluation may build (`$pad`, `$join`, `$replace`, `&`...). Default 10,000,000. */
  maxStringLength: number;
  /** Most items `$sort` and `$distinct` accept. Default 100,000. */
  maxSortItems: number;
  /**
   * Heap of the isolated thread an evaluation runs in, in MB; an evaluation that needs more is
   * stopped with `EXPRESSION_MEMORY`. Only evaluators that isolate evaluations enforce it.
   * Default 256.
   */
  maxMemoryMb: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = {
  timeoutMs: 1000,
  maxDepth: 500,
  maxSequence: 1_000_000,
  maxStringLength: 10_000_000,
  maxSortItems: 100_000,
  maxMemoryMb: 256,
};

/** A JSONata expression that failed to compile or to evaluate; retrying would fail the same way. */
export class ExpressionError extends PermanentError {
  /** Character offset in the expression where JSONata located the problem, when it knows. */
  readonly position: number | undefined;
  constructor(code: string, message: string, position: number | undefined, cause?: unknown) {
    super(code, message, { details: { position }, cause });
    this.name = 'ExpressionError';
    this.position = position;
  }
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, jsonata.Expression>();

function toExpressionError(err: unknown, source: string): ExpressionError {
  const failure = (typeof err === 'object' && err !== null ? err : {}) as JsonataFailure;
  const jsonataCode = failure.code ?? '';
  const code =
    jsonataCode === EXPRESSION_LIMIT || jsonataCode === REGEX_UNSUPPORTED
      ? jsonataCode
      : jsonataCode === 'D2015'
        ? EXPRESSION_LIMIT
        : jsonataCode === 'D1012'
          ? 'EXPRESSION_TIMEOUT'
          : jsonataCode === 'D1011'
            ? 'EXPRESSION_TOO_DEEP'
            : jsonataCode.startsWith('S')
              ? 'EXPRESSION_SYNTAX'
              : 'EXPRESSION_FAILED';
  const base = failure.message ?? (err instanceof Error ? err.message : String(err));
  const where = failure.position === undefined ? '' : ` at position ${failure.position}`;
  const snippet = source.length > 120 ? `${source.slice(0, 117)}...` : source;
  return new ExpressionError(
    code,
    `${base}${where} in expression ${JSON.stringify(snippet)}`,
    failure.position,
    err,
  );
}

/**
 * Compiles once and caches: the same mapping runs for every event, so parsing it each time would
 * dominate a cheap step. The cache key includes the limits because JSONata bakes them in.
 */
export function compileExpression(
  source: string,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): jsonata.Expression {
  const key = `${limits.timeoutMs}|${limits.maxDepth}|${limits.maxSequence}|${limits.maxStringLength}|${limits.maxSortItems}|${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      RegexEngine: LinearRegExp,
    } as unknown as jsonata.JsonataOptions);
    checkRegexes(compiled.ast());
  } catch (err) {
    throw toExpressionError(err, source);
  }
  applyCaps(jsonata, compiled, limits);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, compiled);
  return compiled;
}

/** Fails at compile time on a regex literal the linear-time engine cannot run. */
function checkRegexes(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) checkRegexes(item);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === 'regex' && record.value instanceof RegExp) {
    try {
      new LinearRegExp(record.value);
    } catch (err) {
      throw Object.assign(err as object, { position: record.position });
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'value' && typeof value === 'object') checkRegexes(value);
  }
}

/** Syntax check for save-time validation and the editor; never evaluates anything. */
export function checkExpression(
  source: string,
): { ok: true } | { ok: false; message: string; position: number | undefined } {
  try {
    compileExpression(source);
    return { ok: true };
  } catch (err) {
    const e = err as ExpressionError;
    return { ok: false, message: e.message, position: e.position };
  }
}

/**
 * Evaluates under limits. JSONata returns `undefined` for "no match"; callers decide whether
 * that is an error. Thrown errors are always `ExpressionError` (permanent: retrying cannot help).
 */
export async function evaluateExpression(
  source: string,
  data: unknown,
  bindings: Record<string, unknown> = {},
  limits: Partial<ExpressionLimits> = {},
): Promise<unknown> {
  const effective = { ...DEFAULT_EXPRESSION_LIMITS, ...limits };
  const compiled = compileExpression(source, effective);
  try {
    return await compiled.evaluate(data, bindings);
  } catch (err) {
    throw toExpressionError(err, source);
  }
}
