/**
 * How a simulator keeps its state: in memory (the default, for standalone runs and unit tests) or
 * in a durable `SimulatorStore` a host provides (the runtime keeps it in Postgres). Simulators
 * call `mark` after changing a record and take ids from `sequences()`; nothing else differs.
 * @module
 */
import { memorySequences, reservedSequences, type Sequences } from './sequences.js';
import type { SimulatorStore, StoredRecord } from './store.js';
import { WriteBehind } from './write-behind.js';

/** A simulator's link to where its state lives. */
export interface Persistence {
  /** Sequences for a fresh state: in memory they restart on reset, in a store they never do. */
  sequences(): Sequences;
  /** Notes that a record changed; `read` gives its current value (`undefined`: deleted). */
  mark(kind: string, key: string, read: () => unknown): void;
  /** Forgets every record (a simulator reset). */
  clear(): void;
  /** Resolves once ids can be handed out without waiting (call before handling a request). */
  ready(): Promise<void>;
  /** Writes every change made so far. */
  flush(): Promise<void>;
  /** Flushes and stops background work. */
  close(): Promise<void>;
}

/** State in memory only: nothing is written, sequences restart with each fresh state. */
export function memoryPersistence(starts: Record<string, bigint>): Persistence {
  return {
    sequences: () => memorySequences(starts),
    mark: () => undefined,
    clear: () => undefined,
    ready: async () => undefined,
    flush: async () => undefined,
    close: async () => undefined,
  };
}

/** Options of a durable simulator state. */
export interface DurableOptions {
  /** The store to keep state in. */
  store: SimulatorStore;
  /** Longest time a change waits before it is written (default 50 ms). */
  flushIntervalMs?: number;
  /** Ids reserved per store round trip (default 1000). */
  idBlock?: number;
  /** Told about store failures (writes are retried, ids fail once none are left). */
  onError?: (error: unknown) => void;
}

/** Opens durable state: reserves the first id blocks and reads every stored record. */
export async function openPersistence(
  options: DurableOptions,
  starts: Record<string, bigint>,
): Promise<{ persistence: Persistence; records: StoredRecord[] }> {
  const onError = options.onError ?? (() => undefined);
  const sequences = await reservedSequences(options.store, starts, {
    block: options.idBlock ?? 1000,
    onError,
  });
  const writes = new WriteBehind(options.store, {
    intervalMs: options.flushIntervalMs ?? 50,
    onError,
  });
  const records = await options.store.load();
  return {
    records,
    persistence: {
      sequences: () => sequences,
      mark: (kind, key, read) => writes.mark(kind, key, read),
      clear: () => writes.clear(),
      ready: () => sequences.ready(),
      flush: () => writes.flush(),
      close: () => writes.close(),
    },
  };
}
