/**
 * What an evidence due date means today. Cases come with a calendar date (`YYYY-MM-DD`, from a
 * processor report) or an instant (Shopify's `evidence_due_by`); both are read as a calendar
 * day in the browser's time zone and counted in whole days, because a team plans evidence by
 * the day, not by the hour.
 *
 * @module
 */
import { today as localDate } from '../ledger/today';

/** The calendar day (`YYYY-MM-DD`) of a date or an ISO instant, in the browser's time zone. */
export function dueDay(due: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due;
  const at = new Date(due);
  return Number.isNaN(at.getTime()) ? due.slice(0, 10) : localDate(at);
}

/** Whole days from `today` to the due day: negative once it has passed, 0 on the day itself. */
export function daysLeft(due: string, today: string): number {
  return Math.round(
    (Date.parse(`${dueDay(due)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** How the page shows a deadline: the words, and whether it is overdue or close (3 days). */
export interface DeadlineNote {
  text: string;
  days: number;
  overdue: boolean;
  urgent: boolean;
}

/**
 * The deadline of a case that still awaits evidence; null for a case past that stage (evidence
 * sent, won, lost) or without a due date, since nothing can be missed any more.
 */
export function deadlineNote(
  due: string | null | undefined,
  awaitingEvidence: boolean,
  today: string,
): DeadlineNote | null {
  if (!due || !awaitingEvidence) return null;
  const days = daysLeft(due, today);
  const plural = (n: number) => (n === 1 ? '' : 's');
  if (days < 0) {
    return { text: `overdue by ${-days} day${plural(-days)}`, days, overdue: true, urgent: true };
  }
  if (days === 0) return { text: 'due today', days, overdue: false, urgent: true };
  return { text: `${days} day${plural(days)} left`, days, overdue: false, urgent: days <= 3 };
}
