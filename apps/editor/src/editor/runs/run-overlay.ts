import type { RunDetail } from '../../api/runs-api';
import type { NodeRunState } from '../store/flow-types';

/**
 * Per-node results of a run for the canvas: the last step of each node wins (a retried step
 * shows how it finally went), and the trigger shows the event it recorded. Attempts, total
 * duration and the next attempt come from the runtime's node summaries when the run has them
 * (else from the steps: the highest attempt number), and a failed connector call keeps its HTTP
 * exchange.
 */
export function runOverlay(
  run: Pick<RunDetail, 'steps'> & Partial<Pick<RunDetail, 'nodes'>>,
): Record<string, NodeRunState> {
  const out: Record<string, NodeRunState> = {};
  for (const step of [...run.steps].sort((a, b) => a.seq - b.seq)) {
    const before = out[step.nodeId];
    out[step.nodeId] = {
      attempts: Math.max(step.attempt, before?.attempts ?? 0),
      resumeAt: step.resumeAt,
      http: step.http ?? null,
      status: step.status,
      port: step.port,
      input: step.input,
      output: step.output,
      error: step.error,
      durationMs: step.durationMs,
    };
  }
  for (const node of run.nodes ?? []) {
    const state = out[node.nodeId];
    if (!state) continue;
    state.attempts = node.attempts;
    state.durationMs = node.durationMs;
    state.resumeAt = node.nextAttemptAt;
  }
  return out;
}

/** Whether a run will change no more (so polling can stop). */
export function runFinished(status: string): boolean {
  return ['succeeded', 'declined', 'failed', 'cancelled'].includes(status);
}
