import { daysLeftText } from '../disputes/deadline';
import type { DisputeRow } from './ledger-api';

/**
 * What the evidence deadline means today: only open cases can still miss it, so closed ones
 * and cases without a deadline say nothing. Dates are whole calendar days (`YYYY-MM-DD`).
 */
export function deadlineNote(
  dispute: Pick<DisputeRow, 'status' | 'evidenceDueBy'>,
  today: string,
): { text: string; urgent: boolean } | null {
  if (!dispute.evidenceDueBy || dispute.status !== 'open') return null;
  const days = Math.round(
    (Date.parse(`${dispute.evidenceDueBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      86_400_000,
  );
  return { text: daysLeftText(days), urgent: days <= 3 };
}
