import { STATUS_LABELS } from './dispute-labels';
import type { DisputeCaseStatus } from './disputes-api';

/** A case's status as a pill: green when won, red when lost. */
export function StatusPill({ status }: { status: DisputeCaseStatus }) {
  const tone = status === 'won' ? 'ok' : status === 'lost' ? 'bad' : '';
  return <span className={`status-pill ${tone}`}>{STATUS_LABELS[status]}</span>;
}
