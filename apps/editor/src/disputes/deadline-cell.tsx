import { deadlineNote } from './deadline';
import type { DisputeCase } from './disputes-api';

/** The evidence due date with the days left under it: red once overdue, amber when close. */
export function DeadlineCell({
  c,
}: {
  c: Pick<DisputeCase, 'evidenceDueBy' | 'status' | 'daysLeft'>;
}) {
  const note = deadlineNote(c);
  return (
    <>
      {c.evidenceDueBy ?? '—'}
      {note && (
        <div
          className={note.overdue ? 'deadline-overdue' : note.urgent ? 'deadline-urgent' : 'hint'}
          data-testid="deadline-note"
        >
          {note.text}
        </div>
      )}
    </>
  );
}
