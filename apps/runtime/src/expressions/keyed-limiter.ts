import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Caps how many tasks of one key (a flow) run at once, queueing the rest in arrival order.
 * Without it, one flow flooded with slow requests would fill every expression thread and every
 * other flow's steps would wait behind it. One `p-limit` per key that has work, dropped when
 * the key goes idle, so a stream of distinct flows does not grow the map.
 */
export class KeyedLimiter {
  private readonly limits = new Map<string, LimitFunction>();

  constructor(private readonly perKey: number) {
    if (!Number.isInteger(perKey) || perKey < 1) throw new RangeError('perKey must be >= 1');
  }

  /** Runs `task` once fewer than the cap of `key`'s tasks are running. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.perKey);
      this.limits.set(key, limit);
    }
    try {
      return await limit(task);
    } finally {
      if (limit.activeCount === 0 && limit.pendingCount === 0 && this.limits.get(key) === limit)
        this.limits.delete(key);
    }
  }

  /** Keys with work running or queued. */
  keys(): number {
    return this.limits.size;
  }

  /** Tasks of `key` running now (for tests and metrics). */
  active(key: string): number {
    return this.limits.get(key)?.activeCount ?? 0;
  }
}
