import { z } from 'zod';
import { Cron, CronPattern } from 'croner';
import { defineNode } from '../../define-node';

/** Five fields (minute precision) or six (leading seconds); the nicknames `@daily` etc. work too. */
const CRON_MODE = '5-or-6-parts' as const;

function cronProblem(pattern: string): string | undefined {
  try {
    // CronPattern only parses: `new Cron` would also accept an ISO date as a one-off job.
    new CronPattern(pattern, undefined, { mode: CRON_MODE });
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err);
  }
  if (new Cron(pattern, { mode: CRON_MODE, paused: true }).nextRun() === null) {
    return 'this schedule never fires';
  }
  return undefined;
}

/** True for names the platform's time zone database knows (IANA names such as `Europe/Berlin`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The event a schedule fire hands to the flow. */
export const ScheduleTriggerEvent = z.object({
  /** The planned fire time (not when the worker got to it), as an ISO string in UTC. */
  scheduledAt: z.iso.datetime(),
  cron: z.string(),
  timezone: z.string(),
});
/** One schedule fire, as the flow sees it. */
export type ScheduleTriggerEvent = z.infer<typeof ScheduleTriggerEvent>;

/**
 * Starts the flow on a cron schedule, read in a time zone so "9:00 every day" stays 9:00 local
 * across daylight-saving changes. The runtime's scheduler asks `dueFireTimes` what is due.
 */
export const scheduleTriggerNode = defineNode({
  type: 'trigger.schedule',
  version: 1,
  kind: 'trigger',
  title: 'Schedule',
  description: 'Start the flow on a cron schedule.',
  category: 'trigger',
  icon: 'clock',
  config: z.object({
    cron: z
      .string()
      .min(1)
      .max(200)
      .superRefine((pattern, issues) => {
        const problem = cronProblem(pattern);
        if (problem !== undefined) issues.addIssue({ code: 'custom', message: problem });
      })
      .meta({
        title: 'Cron',
        description:
          'minute hour day-of-month month day-of-week, optionally a leading seconds field.',
        placeholder: '0 9 * * 1-5',
        widget: 'cron',
      }),
    timezone: z
      .string()
      .refine(isTimeZone, 'unknown time zone; use an IANA name such as America/New_York')
      .default('UTC')
      .meta({
        title: 'Time zone',
        description: 'IANA time zone the cron fields are read in.',
        widget: 'timezone',
      }),
  }),
  output: ScheduleTriggerEvent,
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  docs: `Runs the flow on a cron schedule read in \`timezone\` (default UTC).

- \`0 9 * * 1-5\`: 09:00 local time on weekdays, also across daylight-saving changes.
- A sixth leading field adds seconds: \`*/30 * * * * *\`.
- A fixed time of day that does not exist on a spring-forward day (\`30 2 * * *\` in New York)
  runs at the first valid time after the gap; one that occurs twice on a fall-back day runs once.

Fires missed while the runtime was down are caught up, oldest first, up to a limit.
The output is \`{ scheduledAt, cron, timezone }\`.`,
});

/** Schedule settings after defaults, as the scheduler and `dueFireTimes` take them. */
export type ScheduleTriggerConfig = z.infer<typeof scheduleTriggerNode.config>;
