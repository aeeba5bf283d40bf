/**
 * Id sequences of a simulator (transaction ids, resource ids, webhook ids, …). In memory they are
 * plain counters. Over a durable store they hand out only values reserved durably beforehand, in
 * blocks, like Postgres sequences with a cache: a crash (even kill -9) loses at most the rest of
 * a block, and a restart continues after everything ever reserved, so no id is issued twice.
 * @module
 */
import type { SimulatorStore } from './store.js';

/** Named counters. */
export interface Sequences {
  /** Takes the next value of `name`. */
  next(name: string): bigint;
  /** The value `next(name)` would most likely return now (for display, e.g. an open batch). */
  peek(name: string): bigint;
  /** Resolves once every sequence has ids at hand without waiting for the store. */
  ready(): Promise<void>;
}

/** Plain counters starting at `starts` (an unknown name starts at 1). */
export function memorySequences(starts: Record<string, bigint>): Sequences {
  const values = new Map(Object.entries(starts));
  return {
    next(name) {
      const value = values.get(name) ?? 1n;
      values.set(name, value + 1n);
      return value;
    },
    peek: (name) => values.get(name) ?? 1n,
    ready: async () => undefined,
  };
}

/** One sequence handing out reserved blocks, reserving the next block ahead of need. */
class ReservedSequence {
  private current = 0n;
  private end = 0n;
  private ahead: { from: bigint; end: bigint } | null = null;
  private pending: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly name: string,
    private readonly store: SimulatorStore,
    private readonly block: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async open(floor: bigint): Promise<void> {
    this.end = await this.store.reserve(this.name, this.block, floor);
    this.current = this.end - BigInt(this.block);
  }

  private get left(): bigint {
    const ahead = this.ahead ? this.ahead.end - this.ahead.from : 0n;
    return this.end - this.current + ahead;
  }

  next(): bigint {
    if (this.current >= this.end) {
      if (!this.ahead) {
        throw new Error(
          `simulator sequence ${this.name}: no reserved ids left (the state store is unreachable)`,
          { cause: this.lastError },
        );
      }
      this.current = this.ahead.from;
      this.end = this.ahead.end;
      this.ahead = null;
    }
    const value = this.current;
    this.current += 1n;
    this.reserveAhead();
    return value;
  }

  peek(): bigint {
    return this.current < this.end ? this.current : (this.ahead?.from ?? this.current);
  }

  /** Reserves the next block once half of the current one is used. */
  private reserveAhead(): void {
    if (this.ahead || this.pending || this.left > BigInt(this.block / 2)) return;
    const floor = this.end;
    this.pending = this.store.reserve(this.name, this.block, floor).then(
      (end) => {
        this.ahead = { from: end - BigInt(this.block), end };
        this.lastError = null;
      },
      (error: unknown) => {
        this.lastError = error;
        this.onError(error);
      },
    );
    void this.pending.finally(() => {
      this.pending = null;
    });
  }

  async ready(): Promise<void> {
    this.reserveAhead();
    if (this.pending && this.left <= BigInt(this.block / 2)) await this.pending;
    if (this.left <= 0n) {
      throw new Error(`simulator sequence ${this.name}: cannot reserve ids`, {
        cause: this.lastError,
      });
    }
  }
}

/**
 * Opens durable sequences over `store`: each reserves its first block (starting no lower than its
 * start value) before this resolves.
 */
export async function reservedSequences(
  store: SimulatorStore,
  starts: Record<string, bigint>,
  options: { block: number; onError: (error: unknown) => void },
): Promise<Sequences> {
  const sequences = new Map<string, ReservedSequence>();
  for (const [name, start] of Object.entries(starts)) {
    const sequence = new ReservedSequence(name, store, options.block, options.onError);
    await sequence.open(start);
    sequences.set(name, sequence);
  }
  const get = (name: string) => {
    const found = sequences.get(name);
    if (!found) throw new Error(`simulator sequence ${name} was not opened`);
    return found;
  };
  return {
    next: (name) => get(name).next(),
    peek: (name) => get(name).peek(),
    ready: async () => {
      for (const sequence of sequences.values()) await sequence.ready();
    },
  };
}
