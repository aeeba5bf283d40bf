import { resolveConfigExpressions, type ConfigPath } from './config-expressions';
import { ledgerForNode, type EffectStore } from './effect-ledger';
import { FanOut, fanOutDone, itemPrefix, type ItemInput, type ItemResult } from './fan-out';
import { BusinessError, NodeError, PermanentError, TransientError, type StepError } from './errors';
import {
  expressionLimits,
  inProcessEvaluator,
  type ExpressionBindings,
  type ExpressionEvaluator,
} from './expression-evaluator';
import { ExpressionError, type ExpressionLimits } from './expressions';
import {
  DECLINED_PORT,
  ERROR_PORT,
  type Edge,
  type FlowGraph,
  type NodeInstance,
} from './flow-graph';
import type {
  ExecuteContext,
  ExecutorLookup,
  NodeExecutor,
  NodeResult,
  StepLogger,
} from './node-spec';
import { classifyError, resolveRetryPolicy, retryDelayMs } from './retry-policy';
import { RunConnections, type NodeConnection, type ResolveConnection } from './run-connections';
import type { RunOutcome, RunResponse, RunStore, StepRecord } from './run-types';
import { SecretScrubber } from './scrub-secrets';
import { parseNodeConfig, resolvePorts } from './spec-helpers';
import { validateGraph, type ValidateGraphResult } from './validate-graph';

export interface ExecuteRunOptions {
  runId: string;
  flowId: string;
  graph: FlowGraph;
  /** The event payload: the trigger node's output. */
  trigger: unknown;
  /** Checkpoints of earlier executions of this run, in any order (resume). */
  priorSteps: readonly StepRecord[];
  lookupExecutor: ExecutorLookup;
  store: RunStore;
  now?: () => Date;
  random?: () => number;
  /** Non-secret settings, visible to expressions as `$env`. */
  env?: Readonly<Record<string, string>>;
  limits?: Partial<ExpressionLimits>;
  /**
   * Where JSONata runs. Default: in this thread (`inProcessEvaluator`); a server passes one that
   * isolates evaluations so a runaway expression cannot block or exhaust the process.
   */
  evaluator?: ExpressionEvaluator;
  /**
   * Checked before each step: once aborted, the execution rejects with the signal's reason
   * before starting another step, recording nothing more. Unlike `signal`, a step in flight is
   * not interrupted (an operator's cancel must not cut an effect in half).
   */
  stopBeforeNextStep?: AbortSignal;
  /** Worker shutdown: the execution stops and rejects with the signal's reason, recording nothing more. */
  signal?: AbortSignal;
  logger?: StepLogger;
  /** Default 5 minutes; aborts `ctx.signal` and fails the step as transient `STEP_TIMEOUT`. */
  stepTimeoutMs?: number;
  /**
   * Finds and decrypts a connection by id, for nodes whose spec declares one. Every connection
   * the graph names is resolved before the first step is recorded, and every secret value of
   * each is scrubbed (replaced by `[secret]`) from all the run records: step input, output,
   * error, state, the outcome and executor log lines. Without it, such nodes fail with
   * `CONNECTION_INVALID`.
   */
  resolveConnection?: ResolveConnection;
  /**
   * Exactly-once records of external effects for this run's event, handed to executors as
   * `ctx.effects` bound to their node. Without it, `ctx.effects` is undefined.
   */
  effects?: EffectStore;
  /**
   * Run only up to this node: the run walks just the nodes that lead to it, and ends as succeeded
   * (declined when a decline met no edge of the flow) right after it completes (succeeded, or
   * failed onto its error port), so nothing downstream or
   * on other branches runs, and none of their effects happen. Editors use it to try a flow part by
   * part. The runtime stores it on the run so that a resumed execution stops at the same node. A
   * node id the graph does not have fails the run as `STOP_AFTER_UNKNOWN` before any step.
   */
  stopAfter?: string;
}

/** Node type whose output becomes the run's HTTP response for synchronous REST triggers. */
export const RESPOND_NODE_TYPE = 'respond';

export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;

const silentLogger: StepLogger = { info() {}, warn() {}, error() {} };

/**
 * Executes (or resumes) one run of a flow until it succeeds, fails, or has to wait (a retry
 * delay, a suspension), then reports the outcome through the store. A graph that does not pass
 * `validateGraph` fails the run before any step, as `GRAPH_INVALID` on the first issue's node
 * (`nodeId` is empty when the issue concerns no node). It rejects only when `signal` aborts or
 * the store fails; every node failure is an outcome.
 *
 * The engine is deterministic over durable data: every execution walks the graph from the
 * trigger in the same order, and nodes already completed in `priorSteps` replay their stored
 * output instead of running again. That is what lets a worker crash at any point and a later
 * execution carry on, and why steps without effects may be checkpointed lazily.
 */
/**
 * Validation results per graph object and executor lookup. Saved flow versions are immutable and
 * a runtime hands the same graph object to every run of a version, so each version is validated
 * once per process instead of once per run.
 */
const validations = new WeakMap<FlowGraph, WeakMap<ExecutorLookup, ValidateGraphResult>>();

function validateOnce(graph: FlowGraph, lookupExecutor: ExecutorLookup): ValidateGraphResult {
  let byLookup = validations.get(graph);
  if (!byLookup) {
    byLookup = new WeakMap();
    validations.set(graph, byLookup);
  }
  let result = byLookup.get(lookupExecutor);
  if (!result) {
    result = validateGraph(graph, (type, version) => lookupExecutor(type, version)?.spec);
    byLookup.set(lookupExecutor, result);
  }
  return result;
}

export function executeRun(opts: ExecuteRunOptions): Promise<RunOutcome> {
  return new RunExecution(opts).run();
}

interface QueuedNode {
  nodeId: string;
  input: unknown;
}

/**
 * A path of execution: the run's main path, or one item of a fan-out. Its nodes' step ids are
 * `prefix + node id`, and `$node("id")` reads its outputs.
 */
interface Branch {
  readonly prefix: string;
  readonly outputs: Map<string, unknown>;
  /** The first node whose decline reached no edge in this branch. */
  decline: { nodeId: string; output: unknown } | null;
}

type Waiting = Extract<RunOutcome, { status: 'waiting' }>;

/** Where one node stands after {@link RunExecution.advance}. */
type Advanced =
  | { kind: 'complete'; step: StepRecord }
  | { kind: 'waiting'; waiting: Waiting }
  | { kind: 'failed'; step: StepRecord };

class RunExecution {
  private readonly now: () => Date;
  private readonly nodes = new Map<string, NodeInstance>();
  private readonly outgoing = new Map<string, Edge[]>();
  /** Latest prior step of each node (by seq). */
  private readonly latest = new Map<string, StepRecord>();
  private readonly prior: StepRecord[];
  /** Outputs of nodes reached so far in this run, for `$node("id")`. */
  private readonly outputs = new Map<string, unknown>();
  /** The run's main path; its decline ends the run `declined`. */
  private readonly main: Branch = { prefix: '', outputs: this.outputs, decline: null };
  private buffer: StepRecord[] = [];
  private flushDue = false;
  /** Checkpoint writes in order: items running at once must not write concurrently. */
  private writes: Promise<void> = Promise.resolve();
  /** The store's `acquire` (before the first effect), shared by items running at once. */
  private acquiring: Promise<void> | undefined;
  private seq: number;
  private response: RunResponse | null = null;
  private readonly trigger: unknown;
  private readonly scrubber = new SecretScrubber();
  private readonly connections: RunConnections;
  private readonly evaluator: ExpressionEvaluator;
  private readonly limits: ExpressionLimits;
  /** Nodes that may run when `stopAfter` is set: it and every node leading to it. */
  private scope: Set<string> | null = null;

  constructor(private readonly opts: ExecuteRunOptions) {
    this.now = opts.now ?? (() => new Date());
    for (const node of opts.graph.nodes)
      if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    for (const edge of opts.graph.edges) {
      const list = this.outgoing.get(edge.from.node) ?? [];
      list.push(edge);
      this.outgoing.set(edge.from.node, list);
    }
    this.prior = [...opts.priorSteps].sort((a, b) => a.seq - b.seq);
    for (const step of this.prior) this.latest.set(step.nodeId, step);
    this.seq = this.prior.reduce((max, step) => Math.max(max, step.seq + 1), 0);
    let trigger: unknown;
    try {
      trigger = toJson(opts.trigger);
    } catch {
      trigger = opts.trigger; // not JSON (a bigint); the store will have its say
    }
    this.trigger = trigger ?? null;
    this.connections = new RunConnections(opts.resolveConnection, this.scrubber);
    this.evaluator = opts.evaluator ?? inProcessEvaluator;
    this.limits = expressionLimits(opts.limits);
  }

  async run(): Promise<RunOutcome> {
    this.throwIfAborted();
    const validation = validateOnce(this.opts.graph, this.opts.lookupExecutor);
    if (!validation.ok) {
      const first = validation.errors[0];
      const error = classifyError(
        new PermanentError(
          'GRAPH_INVALID',
          `The flow is invalid: ${first?.message ?? 'unknown problem'}`,
          {
            details: { issues: validation.errors },
          },
        ),
      );
      return this.finish({ status: 'failed', nodeId: first?.nodeId ?? '', error });
    }
    const stopAfter = this.opts.stopAfter;
    if (stopAfter !== undefined) {
      if (!this.nodes.has(stopAfter)) {
        const error = classifyError(
          new PermanentError(
            'STOP_AFTER_UNKNOWN',
            `The run was asked to stop after node "${stopAfter}", which the flow does not have`,
          ),
        );
        return this.finish({ status: 'failed', nodeId: '', error });
      }
      this.scope = upstreamOf(this.opts.graph.edges, stopAfter);
    }
    await this.connections.prepare(this.opts.graph, this.opts.lookupExecutor);
    this.throwIfAborted();

    const triggerNode = this.opts.graph.nodes.find(
      (node) => this.executorOf(node)?.spec.kind === 'trigger',
    ) as NodeInstance;
    const triggerExecutor = this.executorOf(triggerNode) as NodeExecutor<unknown>;
    const triggerConfig = parseNodeConfig(triggerExecutor.spec, triggerNode.config);
    const triggerPorts =
      typeof triggerExecutor.spec.ports !== 'function'
        ? triggerExecutor.spec.ports
        : triggerConfig.success
          ? resolvePorts(triggerExecutor.spec, triggerConfig.data)
          : undefined;
    if (!triggerPorts) {
      const error = classifyError(
        new PermanentError(
          'CONFIG_INVALID',
          'The trigger config is invalid, so its ports are unknown',
          {
            details: { issues: triggerConfig.success ? [] : triggerConfig.issues },
          },
        ),
      );
      return this.finish({ status: 'failed', nodeId: triggerNode.id, error });
    }

    let triggerPort = triggerPorts.outputs[0] ?? null;
    const priorTrigger = this.latest.get(triggerNode.id);
    if (priorTrigger) {
      triggerPort = priorTrigger.port;
    } else {
      const at = this.now();
      this.record(triggerExecutor, {
        runId: this.opts.runId,
        nodeId: triggerNode.id,
        nodeType: triggerNode.type,
        seq: this.seq++,
        attempt: 1,
        status: 'succeeded',
        port: triggerPort,
        input: null,
        output: this.trigger,
        error: null,
        startedAt: at,
        finishedAt: at,
        resumeAt: null,
        state: null,
      });
    }
    this.outputs.set(triggerNode.id, this.trigger);
    if (triggerNode.id === stopAfter) return this.finish({ status: 'succeeded', response: null });

    const reached = new Set<string>([triggerNode.id]);
    const queue: QueuedNode[] = this.targets(triggerNode.id, triggerPort, this.trigger);
    while (queue.length > 0) {
      const { nodeId, input } = queue.shift() as QueuedNode;
      if (reached.has(nodeId)) continue;
      reached.add(nodeId);
      const node = this.nodes.get(nodeId) as NodeInstance;
      const advanced = await this.advance(node, input, this.main);
      if (advanced.kind === 'waiting') return this.finish(advanced.waiting);
      if (advanced.kind === 'failed') {
        return this.finish({ status: 'failed', nodeId, error: advanced.step.error as StepError });
      }
      if (nodeId === stopAfter) break;
      let { step } = advanced;
      const iterate = this.executorOf(node)?.spec.iterate;
      if (iterate && step.port === iterate.itemPort) {
        const items = await this.runItems(node, step);
        if ('status' in items) return this.finish(items);
        step = items.done;
      }
      queue.push(...this.targets(nodeId, step.port, step.output));
    }
    if (this.main.decline) {
      const { nodeId, output } = this.main.decline;
      return this.finish({
        status: 'declined',
        nodeId,
        error: declineError(nodeId, output),
        response: this.response,
      });
    }
    return this.finish({ status: 'succeeded', response: this.response });
  }

  /**
   * Brings one node of a branch to rest: replays a completed checkpoint, or runs the next
   * attempt unless an earlier one asked to wait. A failed item's step is final: its failure is
   * the item's result, so a later execution does not run it again.
   */
  private async advance(node: NodeInstance, input: unknown, branch: Branch): Promise<Advanced> {
    const executor = this.executorOf(node) as NodeExecutor<unknown>;
    const stepId = branch.prefix + node.id;
    const prior = this.latest.get(stepId);
    if (prior && isComplete(prior)) {
      this.completed(node, executor, prior, branch);
      return { kind: 'complete', step: prior };
    }
    if (prior && branch !== this.main && prior.status === 'failed') {
      return { kind: 'failed', step: prior };
    }
    let attempt = 1;
    if (prior && (prior.status === 'retrying' || prior.status === 'suspended')) {
      const resumeAt = toDate(prior.resumeAt);
      if (resumeAt && resumeAt.getTime() > this.now().getTime()) {
        const reason = prior.status === 'retrying' ? 'retry' : 'suspend';
        return {
          kind: 'waiting',
          waiting: { status: 'waiting', nodeId: stepId, resumeAt, reason },
        };
      }
      attempt = prior.status === 'retrying' ? prior.attempt + 1 : prior.attempt;
    }

    await this.flushIfDue();
    this.throwIfAborted();
    this.throwIfStopped();
    const step = this.record(
      executor,
      await this.runStep(node, executor, input, attempt, this.resumeStateOf(stepId), branch),
    );
    if (isComplete(step)) {
      this.completed(node, executor, step, branch);
      return { kind: 'complete', step };
    }
    if (step.status === 'retrying' || step.status === 'suspended') {
      const reason = step.status === 'retrying' ? 'retry' : 'suspend';
      const resumeAt = step.resumeAt as Date;
      return { kind: 'waiting', waiting: { status: 'waiting', nodeId: stepId, resumeAt, reason } };
    }
    return { kind: 'failed', step };
  }

  /**
   * Runs the items of a fan-out whose node emitted `step` on its item port, at most
   * `concurrency` at a time, and records the node's done step with the collected results. Once
   * an item has to wait (a retry delay, a suspension), no further item starts and the run waits
   * for the earliest; the next execution replays the finished items from their checkpoints.
   */
  private async runItems(
    node: NodeInstance,
    step: StepRecord,
  ): Promise<{ done: StepRecord } | Waiting> {
    const executor = this.executorOf(node) as NodeExecutor<unknown>;
    const iterate = executor.spec.iterate as NonNullable<typeof executor.spec.iterate>;
    const fanOut = FanOut.parse(step.output);
    const results: ItemResult[] = [];
    const waits: Waiting[] = [];
    let next = 0;
    let broken: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (next < fanOut.items.length && waits.length === 0 && !broken) {
        const index = next++;
        const { key, value } = fanOut.items[index] as FanOut['items'][number];
        try {
          const item = await this.runItem(node, iterate.itemPort, { item: value, index, key });
          if ('status' in item && item.status === 'waiting') {
            waits.push(item);
            continue;
          }
          results[index] = item as ItemResult;
          // One item's checkpoints are durable before the next item counts on them.
          this.flushDue ||= this.buffer.length > 0;
          await this.flushIfDue();
        } catch (error) {
          broken ??= { error };
        }
      }
    };
    const workers = Math.min(fanOut.concurrency, fanOut.items.length);
    await Promise.all(Array.from({ length: workers }, worker));
    if (broken) throw broken.error;
    const first = waits.sort((a, b) => a.resumeAt.getTime() - b.resumeAt.getTime())[0];
    if (first) return first;

    const at = this.now();
    const done = this.record(executor, {
      runId: this.opts.runId,
      nodeId: node.id,
      nodeType: node.type,
      seq: this.seq++,
      attempt: step.attempt,
      status: 'succeeded',
      port: iterate.donePort,
      input: null,
      output: toJsonOrFail(fanOutDone(results), 'results') ?? null,
      error: null,
      startedAt: at,
      finishedAt: at,
      resumeAt: null,
      state: null,
    });
    this.completed(node, executor, done, this.main);
    return { done };
  }

  /** Walks one item's body; ends with its result, or waiting for one of its steps. */
  private async runItem(
    node: NodeInstance,
    itemPort: string,
    input: ItemInput,
  ): Promise<ItemResult | Waiting> {
    const branch: Branch = {
      prefix: itemPrefix(node.id, input.key),
      outputs: new Map(this.outputs),
      decline: null,
    };
    const base = { key: input.key, index: input.index };
    let output: unknown = toJson(input.item) ?? null;
    const reached = new Set<string>();
    const queue = this.targets(node.id, itemPort, input);
    while (queue.length > 0) {
      const { nodeId, input: data } = queue.shift() as QueuedNode;
      if (reached.has(nodeId)) continue;
      reached.add(nodeId);
      const advanced = await this.advance(this.nodes.get(nodeId) as NodeInstance, data, branch);
      if (advanced.kind === 'waiting') return advanced.waiting;
      if (advanced.kind === 'failed') {
        return { ...base, status: 'failed', output: null, error: advanced.step.error };
      }
      output = advanced.step.output;
      if (nodeId === this.opts.stopAfter) break;
      queue.push(...this.targets(nodeId, advanced.step.port, advanced.step.output));
    }
    if (branch.decline) {
      const error = declineError(branch.decline.nodeId, branch.decline.output);
      return { ...base, status: 'failed', output: branch.decline.output, error };
    }
    return { ...base, status: 'ok', output, error: null };
  }

  /** One attempt of one node: resolve config → parse → execute → check port → step record. */
  private async runStep(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    input: unknown,
    attempt: number,
    resume: { state: unknown } | undefined,
    branch: Branch,
  ): Promise<StepRecord> {
    const { spec } = executor;
    const startedAt = this.now();
    const base = {
      runId: this.opts.runId,
      nodeId: branch.prefix + node.id,
      nodeType: node.type,
      attempt,
      input,
      startedAt,
    };
    try {
      const resolved = await resolveConfigExpressions(
        node.config,
        spec.rawExpressionFields ?? [],
        (source, path) => this.evaluateConfig(source, path, input, branch),
      );
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
      const connection = this.connections.forNode(node, spec.connection);

      const result = await this.callExecutor(node, executor, {
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
          seq: this.seq++,
          status: 'suspended',
          port: null,
          output: null,
          error: null,
          finishedAt: this.now(),
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
        seq: this.seq++,
        status: 'succeeded',
        port,
        output,
        error: null,
        finishedAt: this.now(),
        resumeAt: null,
        state: null,
      };
    } catch (err) {
      this.throwIfAborted();
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
    const finishedAt = this.now();
    const common = { ...base, seq: this.seq++, output: null, error, finishedAt, state: null };
    if (policy.retryOn.includes(error.errorClass) && base.attempt < policy.maxAttempts) {
      const retryAfterMs = err instanceof NodeError ? err.retryAfterMs : undefined;
      const delay = retryDelayMs(policy, base.attempt, this.opts.random, retryAfterMs);
      const resumeAt = new Date(finishedAt.getTime() + delay);
      return { ...common, status: 'retrying', port: null, resumeAt };
    }
    const routed = (this.outgoing.get(node.id) ?? []).some((e) => e.from.port === ERROR_PORT);
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

  /**
   * Runs the executor under the step timeout. The race matters as much as the abort: an
   * executor that ignores its signal must not hold the run forever.
   */
  private async callExecutor(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    call: {
      config: unknown;
      input: unknown;
      attempt: number;
      resume: { state: unknown } | undefined;
      connection: NodeConnection | undefined;
      branch: Branch;
    },
  ): Promise<NodeResult> {
    const { config, input, attempt, resume, connection, branch } = call;
    const stepId = branch.prefix + node.id;
    if (executor.spec.effects) {
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
    const scrub = this.scrubber;
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
      now: this.now,
      env: this.opts.env ?? {},
      connection: connection?.values,
      connectionType: connection?.type,
      // Bound to the step id: an effect inside a for-each item is keyed by its item.
      effects: this.opts.effects ? ledgerForNode(this.opts.effects, stepId) : undefined,
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
      evaluate: (expression, data) =>
        this.evaluator.evaluate(
          expression.startsWith('=') ? expression.slice(1) : expression,
          data,
          this.bindings(input, branch),
          this.limits,
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

  private async evaluateConfig(
    source: string,
    path: ConfigPath,
    input: unknown,
    branch: Branch,
  ): Promise<unknown> {
    try {
      return await this.evaluator.evaluate(
        source,
        input,
        this.bindings(input, branch),
        this.limits,
      );
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      throw new PermanentError(err.code, `Config field ${path.join('.')}: ${err.message}`, {
        details: { field: path, position: err.position },
        cause: err,
      });
    }
  }

  private bindings(input: unknown, branch: Branch): ExpressionBindings {
    return {
      trigger: this.trigger,
      nodes: Object.fromEntries(branch.outputs),
      env: this.opts.env ?? {},
      input,
    };
  }

  /**
   * State saved by the node's latest suspension in the current retry budget, so that a resumed
   * step that then fails transiently is retried as a resumption, not from scratch.
   */
  private resumeStateOf(nodeId: string): { state: unknown } | undefined {
    for (let i = this.prior.length - 1; i >= 0; i--) {
      const step = this.prior[i] as StepRecord;
      if (step.nodeId !== nodeId) continue;
      if (step.status === 'suspended') return { state: step.state };
      if (step.status !== 'retrying') return undefined;
    }
    return undefined;
  }

  private completed(
    node: NodeInstance,
    executor: NodeExecutor<unknown>,
    step: StepRecord,
    branch: Branch,
  ): void {
    branch.outputs.set(node.id, step.output);
    if (
      step.port === DECLINED_PORT &&
      !branch.decline &&
      !(this.outgoing.get(node.id) ?? []).some((e) => e.from.port === DECLINED_PORT)
    ) {
      branch.decline = { nodeId: node.id, output: step.output };
    }
    if (executor.spec.type === RESPOND_NODE_TYPE && step.status === 'succeeded') {
      const response = asResponse(step.output);
      if (response) this.response = response;
    }
  }

  private targets(nodeId: string, port: string | null, data: unknown): QueuedNode[] {
    if (port === null) return [];
    return (this.outgoing.get(nodeId) ?? [])
      .filter((edge) => edge.from.port === port && (this.scope?.has(edge.to.node) ?? true))
      .map((edge) => ({ nodeId: edge.to.node, input: data }));
  }

  private executorOf(node: NodeInstance): NodeExecutor<unknown> | undefined {
    return this.opts.lookupExecutor(node.type, node.typeVersion);
  }

  /**
   * Scrubs the step of secrets and buffers it; a step with effects makes the buffer due for a
   * write right after it. Returns the scrubbed step, which is also what later nodes receive, so a
   * fresh execution sees exactly what a resumed one reads back.
   */
  private record(executor: NodeExecutor<unknown>, raw: StepRecord): StepRecord {
    const step = this.scrubStep(raw);
    this.buffer.push(step);
    if (executor.spec.effects) this.flushDue = true;
    return step;
  }

  private scrubStep(step: StepRecord): StepRecord {
    if (!this.scrubber.active) return step;
    return {
      ...step,
      input: this.scrubber.value(step.input),
      output: this.scrubber.value(step.output),
      error: this.scrubber.value(step.error),
      state: this.scrubber.value(step.state),
    };
  }

  private async flushIfDue(): Promise<void> {
    if (!this.flushDue) return this.writes;
    const steps = this.buffer;
    this.buffer = [];
    this.flushDue = false;
    return this.write(steps, null);
  }

  /** Queues a checkpoint behind earlier ones, so writes land in the order they were made. */
  private write(steps: StepRecord[], outcome: RunOutcome | null): Promise<void> {
    const write = this.writes.then(() => this.opts.store.checkpoint(steps, outcome));
    this.writes = write.catch(() => {});
    return write;
  }

  private async finish(raw: RunOutcome): Promise<RunOutcome> {
    const outcome = this.scrubber.value(raw);
    const steps = this.buffer;
    this.buffer = [];
    this.flushDue = false;
    await this.write(steps, outcome);
    return outcome;
  }

  private throwIfStopped(): void {
    const stop = this.opts.stopBeforeNextStep;
    if (stop?.aborted) throw stop.reason ?? new DOMException('The run was stopped', 'AbortError');
  }

  private throwIfAborted(): void {
    const signal = this.opts.signal;
    if (signal?.aborted)
      throw signal.reason ?? new DOMException('The run was aborted', 'AbortError');
  }
}

/** `target` and every node with a path to it: what has to run for `target` to run. */
function upstreamOf(edges: readonly Edge[], target: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.to.node) ?? [];
    list.push(edge.from.node);
    incoming.set(edge.to.node, list);
  }
  const found = new Set<string>([target]);
  const pending = [target];
  while (pending.length > 0) {
    for (const from of incoming.get(pending.pop() as string) ?? []) {
      if (!found.has(from)) {
        found.add(from);
        pending.push(from);
      }
    }
  }
  return found;
}

/** What a run ended `declined` records: the node and, when its output says, the reason. */
function declineError(nodeId: string, output: unknown): StepError {
  const reason =
    typeof output === 'object' && output !== null && 'reason' in output
      ? (output as { reason: unknown }).reason
      : undefined;
  return classifyError(
    new BusinessError(
      'DECLINED_UNHANDLED',
      `Node "${nodeId}" declined${typeof reason === 'string' && reason ? ` (${reason})` : ''} and its "declined" port is not connected, so the run ended as declined`,
    ),
  );
}

/** Completed nodes are not executed again: they succeeded, or their failure was routed on. */
function isComplete(step: StepRecord): boolean {
  return step.status === 'succeeded' || (step.status === 'failed' && step.port !== null);
}

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Data as it will read back from the store. Normalising before anything downstream sees it
 * makes a fresh execution behave exactly like one resumed from checkpoints (dates as strings,
 * no `undefined` fields, no shared mutable objects between steps).
 */
function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function toJsonOrFail(value: unknown, what: string): unknown {
  try {
    return toJson(value);
  } catch (err) {
    throw new PermanentError(
      'OUTPUT_INVALID',
      `The node's ${what} cannot be stored as JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function asResponse(output: unknown): RunResponse | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const { status, headers, body } = output as Record<string, unknown>;
  if (typeof status !== 'number' || !Number.isInteger(status)) return undefined;
  if (headers !== undefined && (typeof headers !== 'object' || headers === null)) return undefined;
  const stringHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') stringHeaders[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean')
      stringHeaders[name] = String(value);
  }
  return { status, headers: stringHeaders, body: body ?? null };
}
