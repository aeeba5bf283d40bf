/**
 * A clock for client tests: `sleep` returns at once and moves time forward by what was asked,
 * and every wait is recorded, so throttling and backoff are asserted exactly and instantly.
 *
 * @module
 */

/** A controllable clock. */
export interface FakeClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  advance(ms: number): void;
  /** Every wait asked for, in order. */
  readonly waits: number[];
}

/** Creates a fake clock starting at `start` (epoch ms). */
export function fakeClock(start = Date.parse('2025-06-01T00:00:00Z')): FakeClock {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    async sleep(ms, signal) {
      signal.throwIfAborted();
      waits.push(ms);
      t += ms;
    },
    advance(ms) {
      t += ms;
    },
    waits,
  };
}
