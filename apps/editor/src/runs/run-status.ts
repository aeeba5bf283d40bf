import type { RunSummary } from '../api/runs-api';

export type RunStatus = RunSummary['status'];

/**
 * Every status a run can be in, with the words the Runs page shows. A record over the API's own
 * status type: a status added in the runtime breaks the type check here until it has a label.
 */
export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  declined: 'Declined',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const STATUSES = Object.keys(STATUS_LABELS) as RunStatus[];

/** "1.2 s", "340 ms", "3 min 5 s": how long a run took, or null while it has not finished. */
export function formatDuration(startedAt: string | null, finishedAt: string | null): string | null {
  if (!startedAt || !finishedAt) return null;
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  return formatMs(ms);
}

/** A duration in milliseconds, in the largest unit that reads well. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${min} min ${s} s` : `${min} min`;
}
