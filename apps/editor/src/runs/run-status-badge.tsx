import { STATUS_LABELS, type RunStatus } from './run-status';

/** A run's status as the coloured badge the canvas and the flow's run list also use. */
export function RunStatusBadge({ status }: { status: string }) {
  const label = (STATUS_LABELS as Record<string, string>)[status] ?? status;
  return <span className={`run-badge run-${status as RunStatus}`}>{label}</span>;
}
