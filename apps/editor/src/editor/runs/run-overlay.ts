import type { RunDetail } from '../../api/runs-api';
import type { NodeRunState } from '../store/flow-types';

/**
 * Per-node results of a run for the canvas: the last step of each node wins (a retried step
 * shows how it finally went), and the trigger shows the event it recorded. Attempts are the
 * highest attempt number among the node's steps, so a node that needed three tries says so.
 */
export function runOverlay(run: Pick<RunDetail, 'steps'>): Record<string, NodeRunState> {
  const out: Record<string, NodeRunState> = {};
  for (const step of [...run.steps].sort((a, b) => a.seq - b.seq)) {
    const before = out[step.nodeId];
    out[step.nodeId] = {
      attempts: Math.max(step.attempt, before?.attempts ?? 0),
      resumeAt: step.resumeAt,
      status: step.status,
      port: step.port,
      input: step.input,
      output: step.output,
      error: step.error,
      durationMs: step.durationMs,
    };
  }
  return out;
}

/** Whether a run will change no more (so polling can stop). */
export function runFinished(status: string): boolean {
  return ['succeeded', 'declined', 'failed', 'cancelled'].includes(status);
}
