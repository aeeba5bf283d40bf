import {
  DEFAULT_EXPRESSION_LIMITS,
  evaluateExpression,
  type ExpressionLimits,
} from './expressions';

/**
 * The run data an expression sees, as plain data. `$node("id")` is a function in JSONata, but a
 * function cannot cross to another thread or process: evaluators receive the outputs and build
 * `$node` where the evaluation happens.
 */
export interface ExpressionBindings {
  /** The event payload, `$trigger`. */
  trigger?: unknown;
  /** Non-secret settings, `$env`. */
  env?: Readonly<Record<string, string>>;
  /** The step's input, `$input`. */
  input?: unknown;
  /** Outputs of the nodes reached so far, by node id, read through `$node("id")`. */
  nodes?: Readonly<Record<string, unknown>>;
}

/**
 * Evaluates JSONata for the engine. The engine stays free of threads and IO: the editor and tests
 * use `inProcessEvaluator`, while the runtime hands in one that runs each evaluation in an
 * isolated worker thread with hard time and memory limits, so that no expression can block or
 * exhaust the process. Failures are `ExpressionError` (permanent).
 */
export interface ExpressionEvaluator {
  evaluate(
    source: string,
    input: unknown,
    bindings: ExpressionBindings,
    limits: ExpressionLimits,
  ): Promise<unknown>;
}

/** JSONata variable bindings for `bindings`, with `$node` built over the outputs. */
export function toJsonataBindings(bindings: ExpressionBindings): Record<string, unknown> {
  return {
    trigger: bindings.trigger,
    env: bindings.env ?? {},
    input: bindings.input,
    node: (id: unknown) => {
      // Read when called: the outputs may be gathered only for expressions that ask.
      const nodes = bindings.nodes ?? {};
      return typeof id === 'string' && Object.prototype.hasOwnProperty.call(nodes, id)
        ? nodes[id]
        : undefined;
    },
  };
}

/**
 * Evaluates in the calling thread under JSONata's cooperative limits and the size caps. Enough
 * for the editor's previews and tests; it cannot stop an evaluation that never yields, nor bound
 * its memory, so a server must not use it for untrusted input.
 */
export const inProcessEvaluator: ExpressionEvaluator = {
  evaluate: (source, input, bindings, limits) =>
    evaluateExpression(source, input, toJsonataBindings(bindings), limits),
};

/** Limits with every field set, from a partial override. */
export function expressionLimits(limits: Partial<ExpressionLimits> = {}): ExpressionLimits {
  return { ...DEFAULT_EXPRESSION_LIMITS, ...limits };
}
