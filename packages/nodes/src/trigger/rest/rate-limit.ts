/**
 * How many requests a REST trigger accepts, as stored in its config. Browser-safe: the editor
 * shows the same defaults the runtime enforces.
 *
 * @module
 */
import { z } from 'zod';

/** Requests per minute a trigger accepts when its config says nothing (flows saved earlier). */
export const DEFAULT_REST_RATE_PER_MINUTE = 600;

/**
 * A token bucket: `perMinute` is the sustained rate (0 turns the limit off), `burst` how many
 * requests may arrive at once after a quiet spell (default: one minute's worth). Counted after
 * authentication, so refused callers never use up the allowance of real senders.
 */
export const RestTriggerRateLimit = z
  .object({
    perMinute: z.number().int().min(0).max(1_000_000).default(DEFAULT_REST_RATE_PER_MINUTE).meta({
      title: 'Requests per minute',
      description: 'Sustained rate accepted; 0 turns the limit off. Over it callers get 429.',
    }),
    burst: z.number().int().min(1).max(1_000_000).optional().meta({
      title: 'Burst',
      description: 'Requests accepted at once after a quiet spell; default: the per-minute rate.',
    }),
  })
  .default({ perMinute: DEFAULT_REST_RATE_PER_MINUTE })
  .meta({
    title: 'Rate limit',
    description:
      'Authenticated requests accepted per minute (shared by every API process); over it the caller gets 429 with Retry-After and nothing is stored.',
  });
/** A REST trigger's rate limit after defaults. */
export type RestTriggerRateLimit = z.infer<typeof RestTriggerRateLimit>;
