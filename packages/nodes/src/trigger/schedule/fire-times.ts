import { Cron } from 'croner';
import type { ScheduleTriggerConfig, ScheduleTriggerEvent } from './definition';

function cronOf(config: ScheduleTriggerConfig): Cron {
  // Without a callback croner only computes dates; `paused` makes sure it never arms a timer.
  return new Cron(config.cron, { timezone: config.timezone, mode: '5-or-6-parts', paused: true });
}

/**
 * The next `count` fire times strictly after `after`, oldest first. For previews in the editor
 * ("next runs: ...") and for the scheduler to know when to wake up.
 */
export function nextFireTimes(config: ScheduleTriggerConfig, after: Date, count: number): Date[] {
  if (count <= 0) return [];
  return cronOf(config).nextRuns(count, after);
}

/**
 * Fire times in `(since, until]`, oldest first, at most `max`. The scheduler passes the last fire
 * it handled as `since` and now as `until`, so fires missed during downtime are caught up once;
 * `max` bounds the catch-up after a long outage (the caller advances `since` to the last one).
 */
export function dueFireTimes(
  config: ScheduleTriggerConfig,
  since: Date,
  until: Date,
  max: number,
): Date[] {
  const due: Date[] = [];
  if (max <= 0 || until.getTime() <= since.getTime()) return due;
  const cron = cronOf(config);
  let cursor: Date | null = cron.nextRun(since);
  while (cursor !== null && cursor.getTime() <= until.getTime() && due.length < max) {
    due.push(cursor);
    cursor = cron.nextRun(cursor);
  }
  return due;
}

/** The trigger event for one fire, in the shape the flow sees as the schedule's output. */
export function scheduleTriggerEvent(
  config: ScheduleTriggerConfig,
  scheduledAt: Date,
): ScheduleTriggerEvent {
  return { scheduledAt: scheduledAt.toISOString(), cron: config.cron, timezone: config.timezone };
}
