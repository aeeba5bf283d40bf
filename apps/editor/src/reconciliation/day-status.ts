/**
 * A day's reconciliation status as the calendar shows it.
 *
 * @module
 */

/** Clean: every item matched; variances: open items remain; running: a reconciliation is on it. */
export type DayStatus = 'clean' | 'variances' | 'running' | 'none';

/** The status of a day from what the runtime reports about it. */
export function dayStatus(day: { openItems: number; running?: boolean } | undefined): DayStatus {
  if (!day) return 'none';
  if (day.running) return 'running';
  return day.openItems > 0 ? 'variances' : 'clean';
}

/** The status in words: "Clean", "3 open items", "Running", "Not reconciled". */
export function dayStatusLabel(status: DayStatus, openItems: number): string {
  switch (status) {
    case 'clean':
      return 'Clean';
    case 'variances':
      return openItems === 1 ? '1 open item' : `${openItems} open items`;
    case 'running':
      return 'Running';
    case 'none':
      return 'Not reconciled';
  }
}
