import { z } from '@hono/zod-openapi';

/** Every kind of alert rule; `event` kinds count things that happen, the others watch a level. */
export const RULE_KINDS = [
  'run_failed',
  'dead_letter',
  'decline_rate',
  'reconciliation_lag',
  'worker_silent',
  'queue_age',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Kinds that count events (a failure, a dead letter) rather than watch a level. */
export const EVENT_KINDS: readonly RuleKind[] = ['run_failed', 'dead_letter'];

const quietSeconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600)
  .default(900)
  .openapi({
    description:
      'Quiet period: after a notice, further events are folded into a count for this long; an event rule resolves after this long without events.',
  });
const channelIds = z.array(z.uuid()).max(20).default([]);
const name = z.string().trim().min(1).max(200);
const flowId = z.uuid().nullable().default(null).openapi({ description: 'null: every flow' });

/**
 * A rule as typed by a user: its kind decides which thresholds it needs, so each kind is its own
 * shape and a missing or meaningless threshold is a 400, never a rule that silently never fires.
 */
export const RuleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run_failed'), name, flowId, quietSeconds, channelIds }),
  z.object({ kind: z.literal('dead_letter'), name, flowId, quietSeconds, channelIds }),
  z.object({
    kind: z.literal('decline_rate'),
    name,
    flowId,
    quietSeconds,
    channelIds,
    params: z.object({
      thresholdPercent: z.number().int().min(1).max(100),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
      minRuns: z.number().int().min(1).max(100_000).default(10),
    }),
  }),
  z.object({
    kind: z.literal('reconciliation_lag'),
    name,
    quietSeconds,
    channelIds,
    params: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
  }),
  z.object({
    kind: z.literal('worker_silent'),
    name,
    quietSeconds,
    channelIds,
    params: z.object({
      minWorkers: z.number().int().min(1).max(1000).default(1),
      seconds: z.number().int().min(5).max(3600).default(60),
    }),
  }),
  z.object({
    kind: z.literal('queue_age'),
    name,
    quietSeconds,
    channelIds,
    params: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
  }),
]);
export type RuleInput = z.infer<typeof RuleInput>;

/** The numbers a rule's kind uses (empty for event kinds). */
export type RuleParams = Record<string, number>;

/** Params of an input, flattened for storage. */
export function paramsOf(input: RuleInput): RuleParams {
  return 'params' in input ? { ...input.params } : {};
}

/** Flow scope of an input: only failure, dead-letter and decline rules can be per flow. */
export function flowOf(input: RuleInput): string | null {
  return 'flowId' in input ? input.flowId : null;
}
