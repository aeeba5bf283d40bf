import { z } from 'zod';
import { defineNode } from '../../define-node';

/** Longest relative wait; longer pauses belong in a schedule, not in a run that stays open. */
export const MAX_DELAY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Pauses the run durably: the step suspends, the worker is freed, and the runtime re-enqueues the
 * run when the time comes, so a delay survives restarts and deploys.
 */
export const delayNode = defineNode({
  type: 'delay',
  version: 1,
  kind: 'action',
  title: 'Delay',
  description: 'Wait for a duration or until a point in time.',
  category: 'core',
  icon: 'hourglass',
  config: z
    .object({
      ms: z.number().int().min(0).max(MAX_DELAY_MS).optional().meta({
        title: 'Wait (ms)',
        description: 'How long to wait, up to 30 days. Set this or "Until".',
        widget: 'duration-ms',
      }),
      until: z.iso.datetime({ offset: true }).optional().meta({
        title: 'Until',
        description: 'ISO date-time to wait for, e.g. =$trigger.body.sendAt. Set this or "Wait".',
        widget: 'date-time',
      }),
    })
    .superRefine((config, issues) => {
      if ((config.ms === undefined) === (config.until === undefined)) {
        issues.addIssue({ code: 'custom', message: 'set exactly one of "ms" and "until"' });
      }
    }),
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: false,
  docs: `Holds the run, then passes its input on unchanged.

- **ms**: wait this long (0 to 30 days).
- **until**: wait until this ISO date-time (with \`Z\` or an offset). A time in the past does not wait.

The wait is durable: no worker is held, and restarts do not reset it.`,
});

/** Delay settings after parsing: exactly one of `ms` and `until` is set. */
export type DelayConfig = z.infer<typeof delayNode.config>;
