import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import {
  ExpressionError,
  type ExpressionBindings,
  type ExpressionEvaluator,
  type ExpressionLimits,
} from '@paybridge/engine';
import type { EvaluateAnswer, EvaluateTask } from './evaluate-task';
import { KeyedLimiter } from './keyed-limiter';
import { processMetrics } from '../observability/metrics';
import { setThreadNiceness, SLOW_EVALUATION_NICENESS } from './thread-priority';

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
  /**
   * Running time after which an evaluation's thread drops below the event loop's priority
   * (default 50 ms): quick evaluations keep full priority, a runaway one yields the CPU.
   */
  demoteAfterMs?: number;
  /** A thread failure that belonged to no evaluation (it is replaced; nothing else to do). */
  onThreadError?: (err: unknown) => void;
}

export interface ExpressionPool extends ExpressionEvaluator {
  /**
   * The evaluator for one flow's runs: a flow may occupy all threads but one at once, so a flow
   * flooded with slow expressions leaves a thread for every other flow's steps.
   */
  forFlow(flowId: string): ExpressionEvaluator;
  /** Ends the threads; pending evaluations fail. */
  close(): Promise<void>;
}

/**
 * Default number of threads: one per core the worker's concurrency can use, plus one that no
 * single flow may take (see {@link ExpressionPool.forFlow}), so one flow alone still gets every
 * core. The threads run at a lower priority than the event loop, so the extra one never slows
 * the API.
 */
export function defaultExpressionThreads(concurrency: number): number {
  return Math.min(Math.max(1, Math.min(concurrency, availableParallelism(), 16)) + 1, 17);
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

/** About how long a replacement thread takes to start (it loads the engine). */
const REPLACE_MS = 1500;

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
  const grace = opts.killGraceMs ?? 500;
  const demoteAfter = opts.demoteAfterMs ?? 50;

  const evaluate = async (
    source: string,
    input: unknown,
    bindings: ExpressionBindings,
    limits: ExpressionLimits,
  ): Promise<unknown> => {
    const started = new SharedArrayBuffer(16);
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
    let demoteTimer: NodeJS.Timeout | undefined;
    const demote = (): void => {
      const at = startedAt[0] ?? 0;
      const left = at === 0 ? demoteAfter : at + demoteAfter - Date.now();
      if (left > 0) {
        demoteTimer = setTimeout(demote, Math.max(1, left));
        return;
      }
      setThreadNiceness(startedAt[1] ?? 0, SLOW_EVALUATION_NICENESS);
    };
    demoteTimer = setTimeout(demote, demoteAfter);
    let answer: EvaluateAnswer;
    try {
      answer = await pool.run(
        { source, input, bindings: neededBindings(source, bindings), limits, started },
        { signal: controller.signal },
      );
    } catch (err) {
      const memory = isOutOfMemory(err);
      if (timedOut || memory) {
        // Its thread was terminated and is being replaced, which takes a while: keep the
        // flow's turn until then, or a flood would take the thread kept for other flows.
        await new Promise((r) => setTimeout(r, REPLACE_MS));
      }
      if (timedOut) {
        processMetrics().expressionTimeouts.inc();
        throw new ExpressionError(
          'EXPRESSION_TIMEOUT',
          `The expression ${snippet(source)} did not finish within ${limits.timeoutMs} ms and was stopped`,
          undefined,
          err,
        );
      }
      if (memory) {
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
      clearTimeout(demoteTimer);
    }
    if (answer.ok) return answer.value;
    // JSONata's own cooperative timeout, usually first; the kill above is the backstop.
    if (answer.code === 'EXPRESSION_TIMEOUT') processMetrics().expressionTimeouts.inc();
    throw new ExpressionError(answer.code, answer.message, answer.position);
  };

  const perFlow = new KeyedLimiter(Math.max(1, opts.threads - 1));
  return {
    evaluate,
    forFlow: (flowId) => ({
      evaluate: (source, input, bindings, limits) =>
        perFlow.run(flowId, () => evaluate(source, input, bindings, limits)),
    }),
    close: () => pool.close({ force: true }),
  };
}
