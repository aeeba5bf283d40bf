import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import {
  ExpressionError,
  type ExpressionBindings,
  type ExpressionEvaluator,
  type ExpressionLimits,
} from '@paybridge/engine';
import type { EvaluateAnswer, EvaluateTask } from './evaluate-task';

export interface ExpressionPoolOptions {
  /** Threads that evaluate at once; more evaluations wait their turn. */
  threads: number;
  /** Heap of each thread in MB: an evaluation needing more fails with `EXPRESSION_MEMORY`. */
  maxMemoryMb: number;
  /**
   * Slack past an evaluation's `timeoutMs` before its thread is terminated. JSONata's own
   * cooperative timeout usually stops it first with a clearer position; the kill is for code
   * that never yields back to JSONata.
   */
  killGraceMs?: number;
  /** A thread failure that belonged to no evaluation (it is replaced; nothing else to do). */
  onThreadError?: (err: unknown) => void;
}

export interface ExpressionPool extends ExpressionEvaluator {
  /** Ends the threads; pending evaluations fail. */
  close(): Promise<void>;
}

/** Default number of threads: the worker's concurrency, bounded by the machine. */
export function defaultExpressionThreads(concurrency: number): number {
  return Math.max(2, Math.min(concurrency, availableParallelism(), 16));
}

/**
 * Only what an expression can name crosses to its thread: structured-cloning every node output
 * and the event for each `$input.amount` would make cheap steps pay for the whole run.
 * `$eval` can build a name at run time, so it gets everything.
 */
function neededBindings(source: string, bindings: ExpressionBindings): ExpressionBindings {
  if (source.includes('$eval')) return bindings;
  return {
    trigger: source.includes('$trigger') ? bindings.trigger : undefined,
    env: source.includes('$env') ? bindings.env : undefined,
    input: source.includes('$input') ? bindings.input : undefined,
    nodes: source.includes('$node') ? bindings.nodes : undefined,
  };
}

function isOutOfMemory(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(String(err));
}

function snippet(source: string): string {
  return JSON.stringify(source.length > 120 ? `${source.slice(0, 117)}...` : source);
}

/**
 * Evaluates expressions in a pool of worker threads (piscina), off the event loop that serves
 * the API, ingress and the queue. Each thread has a hard heap limit (`resourceLimits`); an
 * evaluation that outruns its time budget has its thread terminated (the budget counts from when
 * a thread starts it, not while it waits in the queue). Either way the step fails with
 * `EXPRESSION_TIMEOUT` or `EXPRESSION_MEMORY` and the process carries on; piscina replaces the
 * lost thread.
 */
export function createExpressionPool(opts: ExpressionPoolOptions): ExpressionPool {
  const pool = new Piscina<EvaluateTask, EvaluateAnswer>({
    filename: new URL('./worker-entry.mjs', import.meta.url).href,
    // All threads start up front: starting one takes seconds (it loads the engine), which an
    // evaluation arriving while the others are busy would otherwise wait out.
    minThreads: opts.threads,
    maxThreads: opts.threads,
    idleTimeout: 30_000,
    resourceLimits: {
      maxOldGenerationSizeMb: opts.maxMemoryMb,
      maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(opts.maxMemoryMb / 8))),
      stackSizeMb: 4,
    },
  });
  // Without a listener, a thread that fails outside a task would end the process.
  pool.on('error', (err: unknown) => opts.onThreadError?.(err));
  const grace = opts.killGraceMs ?? 100;

  const evaluate = async (
    source: string,
    input: unknown,
    bindings: ExpressionBindings,
    limits: ExpressionLimits,
  ): Promise<unknown> => {
    const started = new SharedArrayBuffer(8);
    const startedAt = new Float64Array(started);
    const budget = limits.timeoutMs + grace;
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number): void => {
      timer = setTimeout(check, Math.max(1, ms));
    };
    // Still queued: wait a budget more. Running: terminate it once its own budget is spent.
    const check = (): void => {
      const at = startedAt[0] ?? 0;
      if (at === 0) return arm(budget);
      const left = at + budget - Date.now();
      if (left > 0) return arm(left);
      timedOut = true;
      controller.abort();
    };
    arm(budget);
    let answer: EvaluateAnswer;
    try {
      answer = await pool.run(
        { source, input, bindings: neededBindings(source, bindings), limits, started },
        { signal: controller.signal },
      );
    } catch (err) {
      if (timedOut) {
        throw new ExpressionError(
          'EXPRESSION_TIMEOUT',
          `The expression ${snippet(source)} did not finish within ${limits.timeoutMs} ms and was stopped`,
          undefined,
          err,
        );
      }
      if (isOutOfMemory(err)) {
        throw new ExpressionError(
          'EXPRESSION_MEMORY',
          `The expression ${snippet(source)} needed more than ${opts.maxMemoryMb} MB of memory and was stopped`,
          undefined,
          err,
        );
      }
      throw new ExpressionError(
        'EXPRESSION_FAILED',
        `The expression ${snippet(source)} could not be evaluated: ${err instanceof Error ? err.message : String(err)}`,
        undefined,
        err,
      );
    } finally {
      clearTimeout(timer);
    }
    if (answer.ok) return answer.value;
    throw new ExpressionError(answer.code, answer.message, answer.position);
  };

  return {
    evaluate,
    close: () => pool.close({ force: true }),
  };
}
