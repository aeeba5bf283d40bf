import { trace } from '@opentelemetry/api';
import type { RunOutcome, StepRecord } from '@paybridge/engine';
import type { Sql } from '../db/client';
import type { RuntimeMetrics } from './metrics';
import {
  activeTracing,
  context,
  contextFromTraceParent,
  endSpan,
  SpanKind,
  traceIdOf,
  traceParentOf,
  type Span,
} from './tracing';

/** What the worker knows of a run when an execution of it begins. */
export interface RunAtStart {
  id: string;
  flowId: string;
  executions: number;
  steps: readonly StepRecord[];
  traceParent: string | null;
}

/** One execution of a run as metrics and traces see it. */
export interface ExecutionTelemetry {
  /** The run's trace id, for log lines; null when it has none. */
  readonly traceId: string | null;
  /** Runs the execution inside the run's span (when tracing), so steps and calls nest under it. */
  within<T>(fn: () => Promise<T>): Promise<T>;
  /** Counts retries among checkpointed steps. */
  checkpointed(steps: readonly StepRecord[]): void;
  /** The execution ended: with an outcome, cancelled, or thrown out (handed back to the queue). */
  end(result: RunOutcome | 'cancelled' | { error: unknown }): void;
}

/**
 * Counts runs started and finished by flow and status, and, with tracing on, opens one span per
 * execution in the run's trace (stored with the run by ingress; a run without one, a replay,
 * gets a trace of its own here, stored so that its later executions join it).
 */
export function beginExecution(
  metrics: RuntimeMetrics,
  sql: Sql,
  run: RunAtStart,
): ExecutionTelemetry {
  if (run.executions === 0 && run.steps.length === 0) metrics.runStarted(run.flowId);
  const tracing = activeTracing();
  let span: Span | null = null;
  if (tracing) {
    span = tracing.tracer.startSpan(
      'run',
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'paybridge.run.id': run.id,
          'paybridge.flow.id': run.flowId,
          'paybridge.run.execution': run.executions + 1,
        },
      },
      contextFromTraceParent(run.traceParent),
    );
    if (run.traceParent === null) {
      const own = traceParentOf(span);
      sql`update runs set trace_parent = ${own} where id = ${run.id} and trace_parent is null`.catch(
        () => undefined,
      );
    }
  }
  return {
    traceId: span ? span.spanContext().traceId : traceIdOf(run.traceParent),
    within: (fn) => (span ? context.with(trace.setSpan(context.active(), span), fn) : fn()),
    checkpointed(steps) {
      for (const s of steps) if (s.status === 'retrying') metrics.stepRetried(s.nodeType);
    },
    end(result) {
      let status: string;
      let error: unknown = null;
      if (result === 'cancelled') {
        status = 'cancelled';
        metrics.runFinished(run.flowId, 'cancelled');
      } else if ('status' in result) {
        status = result.status;
        if (result.status !== 'waiting') metrics.runFinished(run.flowId, result.status);
        if (result.status === 'failed') {
          error = new Error(`${result.error.code}: ${result.error.message}`);
        }
      } else {
        // Thrown out of the execution (database, crash in our code): the queue retries the job.
        status = 'interrupted';
        error = result.error;
      }
      if (span) {
        span.setAttribute('paybridge.run.status', status);
        endSpan(span, error ?? undefined);
      }
    },
  };
}
