import type { RunListItem } from '../api/runs-api';

/** A run's status as an operator reads it (retrying and dead-lettered told apart). */
export type RunStatus = RunListItem['operatorStatus'];
export type RunSource = RunListItem['source'];

/**
 * Every status a run can be in, with the words the Runs page shows. A record over the API's own
 * status type: a status added in the runtime breaks the type check here until it has a label.
 */
export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  declined: 'Declined',
  failed: 'Failed',
  'dead-lettered': 'Dead-lettered',
  cancelled: 'Cancelled',
};

/** Where runs come from, with the words the filter shows (a record for the same reason). */
export const SOURCE_LABELS: Record<RunSource, string> = {
  webhook: 'Webhook',
  reconciliation: 'Reconciliation',
  schedule: 'Schedule',
  manual: 'Manual',
  replay: 'Replay',
};

export const SOURCES = Object.keys(SOURCE_LABELS) as RunSource[];

export const STATUSES = Object.keys(STATUS_LABELS) as RunStatus[];

/** A duration in milliseconds, in the largest unit that reads well. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${min} min ${s} s` : `${min} min`;
}
