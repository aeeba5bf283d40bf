import { currentThreadId, getThreadNiceness, setThreadNiceness } from './thread-priority';
import {
  evaluateExpression,
  ExpressionError,
  toJsonataBindings,
  type ExpressionBindings,
  type ExpressionLimits,
} from '@paybridge/engine';

/** One evaluation sent to a pool thread. Everything in it is structured-cloned. */
export interface EvaluateTask {
  source: string;
  input: unknown;
  bindings: ExpressionBindings;
  limits: ExpressionLimits;
  /**
   * Two floats the thread sets when it starts the task: the time (for the caller's budget) and
   * its kernel thread id (so the caller can lower the priority of a thread that runs long).
   */
  started: SharedArrayBuffer;
}

/** A thread answers with a value; a thrown error would lose its code crossing back. */
export type EvaluateAnswer =
  | { ok: true; value: unknown }
  | { ok: false; code: string; message: string; position: number | undefined };

/**
 * JSONata values that cannot be cloned back (functions) become the marker the caller's result
 * check already refuses as "not data"; everything else crosses as is.
 */
function cloneable(value: unknown): unknown {
  if (typeof value === 'function') return { _jsonata_function: true };
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // JSONata marks sequences with own properties, some of them functions (the size cap's
    // `push`), which cannot cross: such an array crosses as a plain copy.
    let copy: unknown[] | undefined =
      Object.keys(value).length === value.length ? undefined : Array.from(value as unknown[]);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const safe = cloneable(item);
      if (safe !== item) (copy ??= Array.from(value as unknown[]))[i] = safe;
    }
    return copy ?? value;
  }
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  if (marked._jsonata_function === true || marked._jsonata_lambda === true)
    return { _jsonata_function: true };
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const safe = cloneable(item);
    if (safe !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = safe;
  }
  return copy ?? value;
}

const threadId = currentThreadId();

/** Runs inside a pool thread: compiled expressions stay cached there between tasks. */
export default async function evaluateTask(task: EvaluateTask): Promise<EvaluateAnswer> {
  const started = new Float64Array(task.started);
  // A thread the caller demoted during a slow evaluation starts the next one at normal priority
  // again where the process may raise it back (root or CAP_SYS_NICE); elsewhere it stays low.
  if (getThreadNiceness(threadId) > 0) setThreadNiceness(threadId, 0);
  started[1] = threadId;
  started[0] = Date.now();
  try {
    const value = await evaluateExpression(
      task.source,
      task.input,
      toJsonataBindings(task.bindings),
      task.limits,
    );
    return { ok: true, value: cloneable(value) };
  } catch (err) {
    if (err instanceof ExpressionError)
      return { ok: false, code: err.code, message: err.message, position: err.position };
    return {
      ok: false,
      code: 'EXPRESSION_FAILED',
      message: err instanceof Error ? err.message : String(err),
      position: undefined,
    };
  }
}
