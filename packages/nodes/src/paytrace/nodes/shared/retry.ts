import type { RetryPolicyOverride } from '@paybridge/engine';

/**
 * Retries of the PayTrace nodes: ten attempts, two seconds doubling to at most five minutes,
 * about twenty minutes in all. Longer than the engine's default on purpose: a payment that
 * fails into the dead-letter list waits for a person, while a gateway blip (a 5xx burst, lost
 * connections) usually passes within minutes. Each unknown outcome also spends an attempt
 * waiting out the in-flight window before its lookup, so the budget must cover those too.
 */
export const PAYTRACE_RETRY: RetryPolicyOverride = {
  maxAttempts: 10,
  initialDelayMs: 2_000,
  backoffFactor: 2,
  maxDelayMs: 300_000,
};
