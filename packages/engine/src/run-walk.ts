import { BusinessError, PermanentError, type StepError } from './errors';
import { expressionLimits, inProcessEvaluator } from './expression-evaluator';
import { FanOut, fanOutDone, itemPrefix, type ItemInput, type ItemResult } from './fan-out';
import { DECLINED_PORT, type Edge, type FlowGraph, type NodeInstance } from './flow-graph';
import type { ExecuteRunOptions } from './execute-run';
import { toDate, toJson, toJsonOrFail } from './json-values';
import { NodeInvoker, throwIfAborted } from './node-invocation';
import type { ExecutorLookup, NodeExecutor } from './node-spec';
import { classifyError } from './retry-policy';
import type { Branch } from './run-branch';
import { RunConnections } from './run-connections';
import { stopAfterNodes, upstreamOf } from './run-scope';
import { isComplete, RunJournal } from './run-journal';
import { StepRunner } from './run-step';
import type { RunOutcome, RunResponse, StepRecord } from './run-types';
import { SecretScrubber } from './scrub-secrets';
import { parseNodeConfig, resolvePorts } from './spec-helpers';
import { validateGraph, type ValidateGraphResult } from './validate-graph';

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

interface QueuedNode {
  nodeId: string;
  input: unknown;
}

type Waiting = Extract<RunOutcome, { status: 'waiting' }>;

/** Where one node stands after {@link RunExecution.advance}. */
type Advanced =
  | { kind: 'complete'; step: StepRecord }
  | { kind: 'waiting'; waiting: Waiting }
  | { kind: 'failed'; step: StepRecord };

/**
 * The walk of one execution of a run: from the trigger along the edges, breadth first, each node
 * brought to rest by replaying its checkpoint or running its next attempt ({@link StepRunner}),
 * fan-outs walked once per item, until the run succeeds, fails, declines or has to wait.
 */
export class RunExecution {
  private readonly now: () => Date;
  private readonly nodes = new Map<string, NodeInstance>();
  private readonly outgoing = new Map<string, Edge[]>();
  /** Outputs of nodes reached so far in this run, for `$node("id")`. */
  private readonly outputs = new Map<string, unknown>();
  /** The run's main path; its decline ends the run `declined`. */
  private readonly main: Branch = { prefix: '', outputs: this.outputs, decline: null };
  private response: RunResponse | null = null;
  private readonly trigger: unknown;
  private readonly scrubber = new SecretScrubber();
  private readonly connections: RunConnections;
  private readonly journal: RunJournal;
  private readonly steps: StepRunner;
  /**
   * Nodes that may run when `stopAfter` is set: the nodes it names and every node leading to
   * one of them. The walk ends when nothing in it is left to run, so every node on a path to a
   * chosen node runs (the longer of two ways into it too), and nothing after it.
   */
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
    this.journal = new RunJournal(opts.store, opts.priorSteps, this.scrubber);
    let trigger: unknown;
    try {
      trigger = toJson(opts.trigger);
    } catch {
      trigger = opts.trigger; // not JSON (a bigint); the store will have its say
    }
    this.trigger = trigger ?? null;
    this.connections = new RunConnections(opts.resolveConnection, this.scrubber);
    const evaluator = opts.evaluator ?? inProcessEvaluator;
    const limits = expressionLimits(opts.limits);
    const invoker = new NodeInvoker({
      runId: opts.runId,
      flowId: opts.flowId,
      store: opts.store,
      trigger: this.trigger,
      env: opts.env,
      signal: opts.signal,
      logger: opts.logger,
      stepTimeoutMs: opts.stepTimeoutMs,
      effects: opts.effects,
      now: this.now,
      scrubber: this.scrubber,
      evaluator,
      limits,
    });
    this.steps = new StepRunner({
      runId: opts.runId,
      trigger: this.trigger,
      env: opts.env,
      signal: opts.signal,
      random: opts.random,
      now: this.now,
      outgoing: this.outgoing,
      journal: this.journal,
      connections: this.connections,
      invoker,
      evaluator,
      limits,
    });
  }

  /** Walks the run to its outcome and reports it through the store. */
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
      return this.journal.finish({ status: 'failed', nodeId: first?.nodeId ?? '', error });
    }
    if (this.opts.stopAfter !== undefined) {
      const stops = stopAfterNodes(this.opts.stopAfter);
      const unknown = stops.find((id) => !this.nodes.has(id)) ?? (stops.length === 0 ? '' : null);
      if (unknown !== null) {
        const error = classifyError(
          new PermanentError(
            'STOP_AFTER_UNKNOWN',
            `The run was asked to stop after node "${unknown}", which the flow does not have`,
          ),
        );
        return this.journal.finish({ status: 'failed', nodeId: '', error });
      }
      this.scope = upstreamOf(this.opts.graph.edges, stops);
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
      return this.journal.finish({ status: 'failed', nodeId: triggerNode.id, error });
    }

    let triggerPort = triggerPorts.outputs[0] ?? null;
    const priorTrigger = this.journal.latestOf(triggerNode.id);
    if (priorTrigger) {
      triggerPort = priorTrigger.port;
    } else {
      const at = this.now();
      this.journal.record(triggerExecutor, {
        runId: this.opts.runId,
        nodeId: triggerNode.id,
        nodeType: triggerNode.type,
        seq: this.journal.nextSeq(),
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

    const reached = new Set<string>([triggerNode.id]);
    const queue: QueuedNode[] = this.targets(triggerNode.id, triggerPort, this.trigger);
    while (queue.length > 0) {
      const { nodeId, input } = queue.shift() as QueuedNode;
      if (reached.has(nodeId)) continue;
      reached.add(nodeId);
      const node = this.nodes.get(nodeId) as NodeInstance;
      const advanced = await this.advance(node, input, this.main);
      if (advanced.kind === 'waiting') return this.journal.finish(advanced.waiting);
      if (advanced.kind === 'failed') {
        return this.journal.finish({
          status: 'failed',
          nodeId,
          error: advanced.step.error as StepError,
        });
      }
      let { step } = advanced;
      const iterate = this.executorOf(node)?.spec.iterate;
      if (iterate && step.port === iterate.itemPort) {
        const items = await this.runItems(node, step);
        if ('status' in items) return this.journal.finish(items);
        step = items.done;
      }
      queue.push(...this.targets(nodeId, step.port, step.output));
    }
    if (this.main.decline) {
      const { nodeId, output } = this.main.decline;
      return this.journal.finish({
        status: 'declined',
        nodeId,
        error: declineError(nodeId, output),
        response: this.response,
      });
    }
    return this.journal.finish({ status: 'succeeded', response: this.response });
  }

  /**
   * Brings one node of a branch to rest: replays a completed checkpoint, or runs the next
   * attempt unless an earlier one asked to wait. A failed item's step is final: its failure is
   * the item's result, so a later execution does not run it again.
   */
  private async advance(node: NodeInstance, input: unknown, branch: Branch): Promise<Advanced> {
    const executor = this.executorOf(node) as NodeExecutor<unknown>;
    const stepId = branch.prefix + node.id;
    const prior = this.journal.latestOf(stepId);
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

    await this.journal.flushIfDue();
    this.throwIfAborted();
    this.throwIfStopped();
    const step = this.journal.record(
      executor,
      await this.steps.run(
        node,
        executor,
        input,
        attempt,
        this.journal.resumeStateOf(stepId),
        branch,
      ),
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
          await this.journal.flushBuffered();
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
    const done = this.journal.record(executor, {
      runId: this.opts.runId,
      nodeId: node.id,
      nodeType: node.type,
      seq: this.journal.nextSeq(),
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
      queue.push(...this.targets(nodeId, advanced.step.port, advanced.step.output));
    }
    if (branch.decline) {
      const error = declineError(branch.decline.nodeId, branch.decline.output);
      return { ...base, status: 'failed', output: branch.decline.output, error };
    }
    return { ...base, status: 'ok', output, error: null };
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
    if (executor.spec.answersCaller && step.status === 'succeeded') {
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

  private throwIfStopped(): void {
    const stop = this.opts.stopBeforeNextStep;
    if (stop?.aborted) throw stop.reason ?? new DOMException('The run was stopped', 'AbortError');
  }

  private throwIfAborted(): void {
    throwIfAborted(this.opts.signal);
  }
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
