import {
  findConfigExpressions,
  resolveConfigExpressions,
  type ConfigPath,
} from './config-expressions';
import { NodeError, PermanentError } from './errors';
import type { ExpressionEvaluator } from './expression-evaluator';
import { ExpressionError, type ExpressionLimits } from './expressions';
import { FanOut } from './fan-out';
import { ERROR_PORT, type Edge, type NodeInstance } from './flow-graph';
import { toDate, toJsonOrFail } from './json-values';
import { throwIfAborted, type NodeInvoker } from './node-invocation';
import type { NodeExecutor } from './node-spec';
import { classifyError, resolveRetryPolicy, retryDelayMs } from './retry-policy';
import { branchBindings, type Branch } from './run-branch';
import type { RunConnections } from './run-connections';
import type { RunJournal } from './run-journal';
import type { StepRecord } from './run-types';
import { parseNodeConfig, resolvePorts } from './spec-helpers';

/**
 * Whether a node's config holds expressions to resolve, per config object: a saved version's
 * graph is shared by all its runs, so a config without any (a map's, whose expression is its
 * own field) is searched once, not at every step of every run.
 */
const configExpressions = new WeakMap<object, boolean>();

function hasConfigExpressions(
  config: Record<string, unknown>,
  rawExpressionFields: readonly string[] | undefined,
): boolean {
  let found = configExpressions.get(config);
  if (found === undefined) {
    found = findConfigExpressions(config, rawExpressionFields).length > 0;
    configExpressions.set(config, found);
  }
  return found;
}

/** What a step needs from the run it belongs to. */
export interface StepSettings {
  readonly runId: string;
  readonly trigger: unknown;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly random?: (() => number) | undefined;
  readonly now: () => Date;
  /** Edges leaving each node: a failure is routed when its node's error port is wired. */
  readonly outgoing: ReadonlyMap<string, Edge[]>;
  readonly journal: RunJournal;
  readonly connections: RunConnections;
  readonly invoker: NodeInvoker;
  readonly evaluator: ExpressionEvaluator;
  readonly limits: ExpressionLimits;
}

/**
 * One attempt of one node, turned into the step record the journal keeps: config resolved and
 * checked, the executor invoked, its answer checked, and a failure classified into a retry, the
 * error port or a failed run.
 */
export class StepRunner {
  constructor(private readonly opts: StepSettings) {}

  /** One attempt of one node: resolve config → parse → execute → check port → step record. */
  async run(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    input: unknown,
    attempt: number,
    resume: { state: unknown } | undefined,
    branch: Branch,
  ): Promise<StepRecord> {
    const { spec } = executor;
    const startedAt = this.opts.now();
    const base = {
      runId: this.opts.runId,
      nodeId: branch.prefix + node.id,
      nodeType: node.type,
      attempt,
      input,
      startedAt,
    };
    try {
      const resolved = hasConfigExpressions(node.config, spec.rawExpressionFields)
        ? await resolveConfigExpressions(
            node.config,
            spec.rawExpressionFields ?? [],
            (source, path) => this.evaluateConfig(source, path, input, branch),
          )
        : node.config;
      const parsed = parseNodeConfig(spec, resolved);
      if (!parsed.success) {
        const summary = parsed.issues
          .slice(0, 5)
          .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
          .join('; ');
        throw new PermanentError('CONFIG_INVALID', `Config is invalid: ${summary}`, {
          details: { issues: parsed.issues },
        });
      }
      const ports = resolvePorts(spec, parsed.data);
      if (!ports)
        throw new PermanentError('PORTS_UNAVAILABLE', 'The node could not determine its ports');
      const connection = this.opts.connections.forNode(node, spec.connection);

      const result = await this.opts.invoker.invoke(node, executor, {
        config: parsed.data,
        input,
        attempt,
        resume,
        connection,
        branch,
      });
      if (typeof result !== 'object' || result === null) {
        throw new PermanentError('INVALID_RESULT', 'The node returned no result');
      }
      if ('suspendUntil' in result) {
        const until = toDate(result.suspendUntil);
        if (!until)
          throw new PermanentError('INVALID_RESULT', 'The node suspended without a valid date');
        return {
          ...base,
          seq: this.opts.journal.nextSeq(),
          status: 'suspended',
          port: null,
          output: null,
          error: null,
          finishedAt: this.opts.now(),
          resumeAt: until,
          state: toJsonOrFail(result.state, 'suspension state') ?? null,
        };
      }
      const port = result.port ?? ports.outputs[0] ?? null;
      if (port !== null && !ports.outputs.includes(port)) {
        throw new PermanentError(
          'UNKNOWN_PORT',
          `The node emitted on port "${port}", which it does not have (it has: ${ports.outputs.join(', ') || 'none'})`,
        );
      }
      const output = toJsonOrFail(result.output, 'output') ?? null;
      if (spec.iterate && port === spec.iterate.itemPort) {
        const fanOut = FanOut.safeParse(output);
        if (!fanOut.success) {
          throw new PermanentError(
            'FAN_OUT_INVALID',
            `The node's items are invalid: ${fanOut.error.issues[0]?.message ?? 'unknown problem'}`,
          );
        }
      }
      return {
        ...base,
        seq: this.opts.journal.nextSeq(),
        status: 'succeeded',
        port,
        output,
        error: null,
        finishedAt: this.opts.now(),
        resumeAt: null,
        state: null,
      };
    } catch (err) {
      throwIfAborted(this.opts.signal);
      return this.failure(node, executor, base, err);
    }
  }

  /** Decides what a failed attempt leads to: a retry, the error port, or a failed run. */
  private failure(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    base: Pick<StepRecord, 'runId' | 'nodeId' | 'nodeType' | 'attempt' | 'input' | 'startedAt'>,
    err: unknown,
  ): StepRecord {
    const error = classifyError(err);
    const policy = resolveRetryPolicy(executor.spec.retry, node.retry);
    const finishedAt = this.opts.now();
    const common = {
      ...base,
      seq: this.opts.journal.nextSeq(),
      output: null,
      error,
      finishedAt,
      state: null,
    };
    if (policy.retryOn.includes(error.errorClass) && base.attempt < policy.maxAttempts) {
      const retryAfterMs = err instanceof NodeError ? err.retryAfterMs : undefined;
      const delay = retryDelayMs(policy, base.attempt, this.opts.random, retryAfterMs);
      const resumeAt = new Date(finishedAt.getTime() + delay);
      return { ...common, status: 'retrying', port: null, resumeAt };
    }
    const routed = (this.opts.outgoing.get(node.id) ?? []).some((e) => e.from.port === ERROR_PORT);
    if (routed) {
      return {
        ...common,
        status: 'failed',
        port: ERROR_PORT,
        output: { error, input: base.input },
        resumeAt: null,
      };
    }
    return { ...common, status: 'failed', port: null, resumeAt: null };
  }

  private async evaluateConfig(
    source: string,
    path: ConfigPath,
    input: unknown,
    branch: Branch,
  ): Promise<unknown> {
    try {
      return await this.opts.evaluator.evaluate(
        source,
        input,
        branchBindings(this.opts.trigger, this.opts.env, input, branch),
        this.opts.limits,
      );
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      throw new PermanentError(err.code, `Config field ${path.join('.')}: ${err.message}`, {
        details: { field: path, position: err.position },
        cause: err,
      });
    }
  }
}
