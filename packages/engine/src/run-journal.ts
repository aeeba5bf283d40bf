import type { NodeExecutor } from './node-spec';
import type { RunOutcome, RunStore, StepRecord } from './run-types';
import type { SecretScrubber } from './scrub-secrets';

/** Completed nodes are not executed again: they succeeded, or their failure was routed on. */
export function isComplete(step: StepRecord): boolean {
  return step.status === 'succeeded' || (step.status === 'failed' && step.port !== null);
}

/**
 * The run's checkpoints: what earlier executions recorded (read on resume) and what this one
 * records. Steps are scrubbed of secrets, numbered, buffered, and written in order; a step with
 * effects is made durable before anything else happens, the rest ride along with the next write.
 */
export class RunJournal {
  /** Latest prior step of each node (by seq). */
  private readonly latest = new Map<string, StepRecord>();
  private readonly prior: StepRecord[];
  private buffer: StepRecord[] = [];
  private flushDue = false;
  /** Checkpoint writes in order: items running at once must not write concurrently. */
  private writes: Promise<void> = Promise.resolve();
  private seq: number;

  constructor(
    private readonly store: RunStore,
    priorSteps: readonly StepRecord[],
    private readonly scrubber: SecretScrubber,
  ) {
    this.prior = [...priorSteps].sort((a, b) => a.seq - b.seq);
    for (const step of this.prior) this.latest.set(step.nodeId, step);
    this.seq = this.prior.reduce((max, step) => Math.max(max, step.seq + 1), 0);
  }

  /** The latest checkpoint an earlier execution left for this step id, if any. */
  latestOf(stepId: string): StepRecord | undefined {
    return this.latest.get(stepId);
  }

  /** The next step's sequence number: checkpoints are ordered by it across executions. */
  nextSeq(): number {
    return this.seq++;
  }

  /**
   * State saved by the node's latest suspension in the current retry budget, so that a resumed
   * step that then fails transiently is retried as a resumption, not from scratch.
   */
  resumeStateOf(nodeId: string): { state: unknown } | undefined {
    for (let i = this.prior.length - 1; i >= 0; i--) {
      const step = this.prior[i] as StepRecord;
      if (step.nodeId !== nodeId) continue;
      if (step.status === 'suspended') return { state: step.state };
      if (step.status !== 'retrying') return undefined;
    }
    return undefined;
  }

  /**
   * Scrubs the step of secrets and buffers it; a step with effects makes the buffer due for a
   * write right after it. Returns the scrubbed step, which is also what later nodes receive, so a
   * fresh execution sees exactly what a resumed one reads back.
   */
  record(executor: NodeExecutor<unknown>, raw: StepRecord): StepRecord {
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

  /** Makes every buffered step durable now (one fan-out item before the next counts on it). */
  async flushBuffered(): Promise<void> {
    this.flushDue ||= this.buffer.length > 0;
    return this.flushIfDue();
  }

  /** Writes the buffer when a step with effects made it due; otherwise waits for earlier writes. */
  async flushIfDue(): Promise<void> {
    if (!this.flushDue) return this.writes;
    const steps = this.buffer;
    this.buffer = [];
    this.flushDue = false;
    return this.write(steps, null);
  }

  /** Queues a checkpoint behind earlier ones, so writes land in the order they were made. */
  private write(steps: StepRecord[], outcome: RunOutcome | null): Promise<void> {
    const write = this.writes.then(() => this.store.checkpoint(steps, outcome));
    this.writes = write.catch(() => {});
    return write;
  }

  /** Writes the remaining steps together with the run's (scrubbed) outcome. */
  async finish(raw: RunOutcome): Promise<RunOutcome> {
    const outcome = this.scrubber.value(raw);
    const steps = this.buffer;
    this.buffer = [];
    this.flushDue = false;
    await this.write(steps, outcome);
    return outcome;
  }
}
