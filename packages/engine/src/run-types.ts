import type { StepError } from './errors';

export type StepStatus = 'succeeded' | 'failed' | 'retrying' | 'suspended';

/**
 * One checkpoint: the outcome of one attempt of one node in one run. Stored rows are immutable
 * history; the engine derives a run's progress from them when it resumes.
 */
export interface StepRecord {
  runId: string;
  nodeId: string;
  nodeType: string;
  /** Order of execution within the run, 0 for the trigger. */
  seq: number;
  /** Attempt number within the current retry budget (1-based). */
  attempt: number;
  status: StepStatus;
  /** Port the step emitted on: set when succeeded, or when a failure was routed to `error`. */
  port: string | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  startedAt: Date;
  finishedAt: Date;
  /** When a `retrying` or `suspended` step should be picked up again. */
  resumeAt: Date | null;
  /** Executor state saved by a suspension, handed back on resume. */
  state: unknown;
}

/**
 * Where the engine checkpoints. A call must be durable when it resolves.
 *
 * Steps of nodes without effects are deterministic functions of durable data, so the engine
 * batches them: they are written together with the next step that has effects (right after it
 * ran) or with the outcome of this execution. `outcome` is set on the last call of an
 * execution, so the store can record the run's new state in the same transaction.
 */
export interface RunStore {
  checkpoint(steps: readonly StepRecord[], outcome: RunOutcome | null): Promise<void>;
  /**
   * Called once per execution, right before the first step with effects runs. A store may let
   * steps without effects run without holding the run, checking at the checkpoint that nobody
   * else progressed meanwhile; it takes the run here, so that two executions of one run can
   * never both perform an effect.
   */
  acquire?(): Promise<void>;
}

/** The HTTP answer a `respond` node produced, for synchronous REST triggers. */
export interface RunResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * What a call to `executeRun` ended with; the runtime maps it onto the queue and the run row.
 * `declined` is a finished run in which a node emitted on its `declined` port with nothing wired
 * to it (a payment the gateway declined and the flow does not handle): not a success, not a
 * failure to retry, but a business outcome an operator must be able to find.
 */
export type RunOutcome =
  | { status: 'succeeded'; response: RunResponse | null }
  | { status: 'declined'; nodeId: string; error: StepError; response: RunResponse | null }
  | { status: 'failed'; nodeId: string; error: StepError }
  | { status: 'waiting'; nodeId: string; resumeAt: Date; reason: 'retry' | 'suspend' };
