/**
 * What an evidence deadline means for a case. The runtime counts the whole days left in the
 * books' time zone (`daysLeft`, negative once past); this turns them into the words and the
 * urgency the page shows. Only an open case still awaits evidence, so a case past that stage
 * (evidence sent, won, lost) says nothing: nothing can be missed any more.
 *
 * @module
 */
import type { DisputeCase } from './disputes-api';

/** How the page shows a deadline: the words, and whether it is overdue or close (3 days). */
export interface DeadlineNote {
  text: string;
  overdue: boolean;
  urgent: boolean;
}

/** Words for a number of days left: `5 days left`, `due today`, `overdue by 2 days`. */
export function daysLeftText(days: number): string {
  const plural = (n: number) => (n === 1 ? '' : 's');
  if (days < 0) return `overdue by ${-days} day${plural(-days)}`;
  if (days === 0) return 'due today';
  return `${days} day${plural(days)} left`;
}

/** The deadline note of a case, or null when it has no deadline or no longer awaits evidence. */
export function deadlineNote(c: Pick<DisputeCase, 'status' | 'daysLeft'>): DeadlineNote | null {
  if (c.daysLeft === null || c.status !== 'open') return null;
  return { text: daysLeftText(c.daysLeft), overdue: c.daysLeft < 0, urgent: c.daysLeft <= 3 };
}
