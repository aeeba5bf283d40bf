/**
 * Time the client spends waiting: Shopify's `Retry-After` (seconds, `"2.0"` included), backoff
 * for server errors, and a sleep that ends early when the step is aborted.
 *
 * @module
 */
import { parseRetryAfter } from '../../http/retry-after';

/**
 * `Retry-After` in milliseconds. Shopify's REST limiter sends fractional seconds (`2.0`), which
 * the generic parser does not take; HTTP-dates are still understood. `undefined` when absent or
 * unreadable.
 */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  return parseRetryAfter(text, now);
}

/** First backoff after a server error or lost connection. */
export const BACKOFF_BASE_MS = 250;
/** Longest single backoff. */
export const BACKOFF_MAX_MS = 8_000;

/**
 * Exponential backoff with full jitter for the `failures`-th consecutive failure (1-based):
 * a random wait in [base·2^(n-1) / 2, base·2^(n-1)], capped. `random` is injectable for tests.
 */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
