/**
 * A model of Shopify's GraphQL cost bucket for one app and shop, so a burst of calls waits its
 * turn instead of being refused. Shopify throttles by calculated query cost: a request needs its
 * requested cost available in a leaky bucket that refills at `restoreRate` points per second, and
 * every answer reports `throttleStatus`. Callers reserve their cost here before sending (FIFO,
 * waiting `(cost − available) / restoreRate` seconds when short) and report each answer's status
 * back. A `THROTTLED` answer is still possible (another process shares the bucket); its status
 * corrects the model and the caller reserves again.
 *
 * @module
 */

/** `extensions.cost.throttleStatus` of an answer. */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

/** A caller's claim on points; hand it back with {@link CostBucket.observe} or `release`. */
export interface Reservation {
  readonly seq: number;
  readonly cost: number;
}

/** The wait would end after the caller's deadline. */
export class BucketWaitTooLong extends Error {
  readonly waitMs: number;
  constructor(waitMs: number) {
    super(`the cost bucket refills in ${waitMs} ms`);
    this.name = 'BucketWaitTooLong';
    this.waitMs = waitMs;
  }
}

interface Level {
  available: number;
  maximum: number;
  restoreRate: number;
  at: number;
}

/** What the bucket needs from its environment (a fake clock in tests). */
export interface BucketClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** One app's bucket at one shop. */
export class CostBucket {
  private level: Level | undefined;
  private seq = 0;
  private readonly outstanding = new Map<number, number>();
  private queue: Promise<void> = Promise.resolve();
  private wakers: (() => void)[] = [];

  constructor(private readonly clock: BucketClock) {}

  /** Points available now by the model (`undefined` before the first answer). */
  availableNow(): number | undefined {
    if (!this.level) return undefined;
    const { available, maximum, restoreRate, at } = this.level;
    const restored = ((this.clock.now() - at) / 1000) * restoreRate;
    return Math.min(maximum, available + restored);
  }

  /**
   * Waits its turn, then until `cost` points are available, and takes them. Before any answer
   * has revealed the bucket, one request at a time goes out to learn it. Throws
   * {@link BucketWaitTooLong} when the wait would pass `deadline` (epoch ms); rejects when
   * `signal` aborts.
   */
  reserve(cost: number, deadline: number, signal: AbortSignal): Promise<Reservation> {
    const turn = this.queue.then(() => this.waitFor(cost, deadline, signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * Corrects the model with an answer's status. Points reserved after `reservation` and not yet
   * answered are not in Shopify's figure yet, so they stay deducted.
   */
  observe(reservation: Reservation, status: ThrottleStatus): void {
    this.outstanding.delete(reservation.seq);
    let later = 0;
    for (const [seq, cost] of this.outstanding) if (seq > reservation.seq) later += cost;
    this.level = {
      available: status.currentlyAvailable - later,
      maximum: status.maximumAvailable,
      restoreRate: status.restoreRate,
      at: this.clock.now(),
    };
    this.wake();
  }

  /** Gives up a reservation whose answer carried no status (a failed call). */
  release(reservation: Reservation): void {
    this.outstanding.delete(reservation.seq);
    this.wake();
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  private async waitFor(cost: number, deadline: number, signal: AbortSignal): Promise<Reservation> {
    for (;;) {
      signal.throwIfAborted();
      if (!this.level) {
        if (this.outstanding.size === 0) return this.take(cost);
        await new Promise<void>((resolve, reject) => {
          this.wakers.push(resolve);
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        });
        continue;
      }
      const needed = Math.min(cost, this.level.maximum);
      const available = this.availableNow() ?? 0;
      if (available >= needed) return this.take(cost);
      const waitMs = Math.ceil(((needed - available) / this.level.restoreRate) * 1000);
      if (this.clock.now() + waitMs > deadline) throw new BucketWaitTooLong(waitMs);
      await this.clock.sleep(waitMs, signal);
    }
  }

  private take(cost: number): Reservation {
    const available = this.availableNow();
    if (this.level && available !== undefined) {
      this.level = { ...this.level, available: available - cost, at: this.clock.now() };
    }
    const reservation = { seq: ++this.seq, cost };
    this.outstanding.set(reservation.seq, cost);
    return reservation;
  }
}
