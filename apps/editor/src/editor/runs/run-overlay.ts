import type { RunDetail } from '../../api/runs-api';
import type { NodeRunState } from '../store/flow-types';

/**
 * Per-node results of a run for the canvas: the last step of each node wins (a retried step
 * shows how it finally went), and the trigger shows the event it recorded.
 */
export function runOverlay(run: Pick<RunDetail, 'steps'>): Record<string, NodeRunState> {
  const out: Record<string, NodeRunState> = {};
  for (const step of [...run.steps].sort((a, b) => a.seq - b.seq)) {
    out[step.nodeId] = {
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
