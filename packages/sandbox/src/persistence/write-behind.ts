/**
 * Write-behind of changed records: simulators mark what they changed as they go (no waiting on
 * the store per request, so they stay as fast as in memory) and the marks are written in one
 * batch every few milliseconds, and on `flush` at shutdown. A record is read when its batch is
 * written, so many changes to it make one write. A failed batch is kept and written again.
 * @module
 */
import { encodeRecord } from './record-codec.js';
import type { RecordChange, SimulatorStore } from './store.js';

interface Mark {
  kind: string;
  key: string;
  read: () => unknown;
}

/** Batches record changes into the store. */
export class WriteBehind {
  private marks = new Map<string, Mark>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: SimulatorStore,
    private readonly options: { intervalMs: number; onError: (error: unknown) => void },
  ) {}

  /** Notes that a record changed; `read` gives its value at write time (`undefined`: deleted). */
  mark(kind: string, key: string, read: () => unknown): void {
    this.marks.set(`${kind}\u0000${key}`, { kind, key, read });
    this.schedule(this.options.intervalMs);
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined);
    }, ms);
    this.timer.unref?.();
  }

  /** Writes every marked record now (after any write under way). */
  flush(): Promise<void> {
    const run = async () => {
      if (this.marks.size === 0) return;
      const batch = this.marks;
      this.marks = new Map();
      const changes: RecordChange[] = [];
      for (const { kind, key, read } of batch.values()) {
        const value = read();
        changes.push({ kind, key, json: value === undefined ? null : encodeRecord(value) });
      }
      try {
        await this.store.write(changes);
      } catch (error) {
        for (const [id, mark] of batch) if (!this.marks.has(id)) this.marks.set(id, mark);
        this.options.onError(error);
        this.schedule(Math.max(this.options.intervalMs, 1000));
        throw error;
      }
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  /** Drops unwritten marks and deletes every stored record (a simulator reset). */
  clear(): void {
    this.marks.clear();
    const run = () => this.store.clear();
    this.chain = this.chain.then(run, run);
    this.chain.catch(this.options.onError);
  }

  /** Writes what is left and stops the timer. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
