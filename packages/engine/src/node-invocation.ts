import { ledgerForNode, type EffectStore } from './effect-ledger';
import { TransientError } from './errors';
import type { ExpressionEvaluator } from './expression-evaluator';
import type { ExpressionLimits } from './expressions';
import type { NodeInstance } from './flow-graph';
import type { ExecuteContext, NodeExecutor, NodeResult, StepLogger } from './node-spec';
import { branchBindings, type Branch } from './run-branch';
import type { NodeConnection } from './run-connections';
import type { RunStore } from './run-types';
import type { SecretScrubber } from './scrub-secrets';

/** Default budget of one step; past it `ctx.signal` aborts and the step fails as `STEP_TIMEOUT`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;

const silentLogger: StepLogger = { info() {}, warn() {}, error() {} };

/** What an invocation needs from the run: its ids, host services and limits. */
export interface InvocationSettings {
  readonly runId: string;
  readonly flowId: string;
  readonly store: RunStore;
  readonly trigger: unknown;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly logger?: StepLogger | undefined;
  readonly stepTimeoutMs?: number | undefined;
  readonly effects?: EffectStore | undefined;
  readonly now: () => Date;
  readonly scrubber: SecretScrubber;
  readonly evaluator: ExpressionEvaluator;
  readonly limits: ExpressionLimits;
}

/** One call of an executor, with its config already resolved and parsed. */
export interface Invocation {
  config: unknown;
  input: unknown;
  attempt: number;
  resume: { state: unknown } | undefined;
  connection: NodeConnection | undefined;
  branch: Branch;
}

/**
 * Rejects with the worker's shutdown reason once `signal` aborted: the execution stops there and
 * records nothing more.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The run was aborted', 'AbortError');
}

/**
 * Calls executors the way the engine promises: the run taken before the first effect, a step
 * timeout and the worker's shutdown both abort `ctx.signal`, and log lines are scrubbed of the
 * run's secrets. One per execution, shared by the items of a fan-out.
 */
export class NodeInvoker {
  /** The store's `acquire` (before the first effect), shared by items running at once. */
  private acquiring: Promise<void> | undefined;

  constructor(private readonly opts: InvocationSettings) {}

  /**
   * Runs the executor under the step timeout. The race matters as much as the abort: an
   * executor that ignores its signal must not hold the run forever.
   */
  async invoke(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    call: Invocation,
  ): Promise<NodeResult> {
    const { config, input, attempt, resume, connection, branch } = call;
    const stepId = branch.prefix + node.id;
    // A node that only answers the caller (`respond`) declares effects so that its answer is
    // committed before the run goes on, but touches nothing outside: two executions answering
    // alike do no harm (and the checkpoint's compare-and-set keeps only one), so it takes no run.
    if (executor.spec.effects && executor.spec.answersCaller !== true) {
      this.acquiring ??= Promise.resolve(this.opts.store.acquire?.());
      await this.acquiring;
    }
    // setTimeout fires at once beyond 2^31-1 ms, so longer budgets are clamped to ~24.8 days.
    const timeoutMs = Math.min(
      Math.max(1, this.opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS),
      2 ** 31 - 1,
    );
    const controller = new AbortController();
    const outer = this.opts.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onOuterAbort: (() => void) | undefined;
    const interrupted = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TransientError(
          'STEP_TIMEOUT',
          `The step did not finish within ${timeoutMs} ms`,
        );
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      if (outer) {
        onOuterAbort = () => {
          controller.abort(outer.reason);
          reject(outer.reason);
        };
        if (outer.aborted) onOuterAbort();
        else outer.addEventListener('abort', onOuterAbort, { once: true });
      }
    });
    interrupted.catch(() => {});

    const logger = this.opts.logger ?? silentLogger;
    const fields = { runId: this.opts.runId, flowId: this.opts.flowId, nodeId: stepId, attempt };
    const scrub = this.opts.scrubber;
    const log =
      (level: keyof StepLogger) =>
      (message: string, extra?: Record<string, unknown>): void =>
        logger[level](scrub.text(message), scrub.value({ ...fields, ...extra }));
    const ctx: ExecuteContext<unknown> = {
      runId: this.opts.runId,
      flowId: this.opts.flowId,
      nodeId: node.id,
      config,
      input,
      attempt,
      idempotencyKey: `${this.opts.runId}:${stepId}`,
      signal: controller.signal,
      resume,
      now: this.opts.now,
      env: this.opts.env ?? {},
      connection: connection?.values,
      connectionType: connection?.type,
      // Bound to the step id: an effect inside a for-each item is keyed by its item.
      effects: this.opts.effects ? ledgerForNode(this.opts.effects, stepId) : undefined,
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
      evaluate: (expression, data) =>
        this.opts.evaluator.evaluate(
          expression.startsWith('=') ? expression.slice(1) : expression,
          data,
          branchBindings(this.opts.trigger, this.opts.env, input, branch),
          this.opts.limits,
        ),
    };
    const execution = Promise.resolve().then(() => executor.execute(ctx));
    execution.catch(() => {});
    try {
      return await Promise.race([execution, interrupted]);
    } finally {
      clearTimeout(timer);
      if (outer && onOuterAbort) outer.removeEventListener('abort', onOuterAbort);
    }
  }
}
