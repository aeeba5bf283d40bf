import type { EffectStore } from './effect-ledger';
import type { ExpressionEvaluator } from './expression-evaluator';
import type { ExpressionLimits } from './expressions';
import type { FlowGraph } from './flow-graph';
import type { ExecutorLookup, StepLogger } from './node-spec';
import type { ResolveConnection } from './run-connections';
import type { RunOutcome, RunStore, StepRecord } from './run-types';
import { RunExecution } from './run-walk';

export { DEFAULT_STEP_TIMEOUT_MS } from './node-invocation';

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

/**
 * Type of the built-in `respond` node. The engine no longer keys on it: a node whose spec sets
 * `answersCaller` gives the run its HTTP response. Kept for hosts that name the node type.
 */
export const RESPOND_NODE_TYPE = 'respond';

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
export function executeRun(opts: ExecuteRunOptions): Promise<RunOutcome> {
  return new RunExecution(opts).run();
}
