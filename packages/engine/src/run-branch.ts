import type { ExpressionBindings } from './expression-evaluator';

/**
 * A path of execution: the run's main path, or one item of a fan-out. Its nodes' step ids are
 * `prefix + node id`, and `$node("id")` reads its outputs.
 */
export interface Branch {
  readonly prefix: string;
  readonly outputs: Map<string, unknown>;
  /** The first node whose decline reached no edge in this branch. */
  decline: { nodeId: string; output: unknown } | null;
}

/**
 * What JSONata sees inside a branch (`$trigger`, `$node("id")`, `$env`, the input). Config
 * expressions and an executor's own `ctx.evaluate` share it, so both read the same run data.
 */
export function branchBindings(
  trigger: unknown,
  env: Readonly<Record<string, string>> | undefined,
  input: unknown,
  branch: Branch,
): ExpressionBindings {
  // Built on first read: only an expression naming `$node` pays for the run's outputs.
  let nodes: Record<string, unknown> | undefined;
  return {
    trigger,
    get nodes() {
      return (nodes ??= Object.fromEntries(branch.outputs));
    },
    env: env ?? {},
    input,
  };
}
