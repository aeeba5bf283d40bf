/**
 * What a simulator needs from a durable home for its state, so a host (the runtime) can keep it
 * in its database while the simulators stay free of any database code: records by kind and key,
 * and named sequences reserved in blocks. `memoryStore` is the in-process implementation.
 * @module
 */

/** One stored record; `json` is its JSON text (see `encodeRecord`). */
export interface StoredRecord {
  kind: string;
  key: string;
  json: string;
}

/** A change to write: `json === null` deletes the record. */
export interface RecordChange {
  kind: string;
  key: string;
  json: string | null;
}

/** Durable storage of one simulator's state. Implementations must make `write` atomic. */
export interface SimulatorStore {
  /** Every record stored. */
  load(): Promise<StoredRecord[]>;
  /** Upserts and deletes, all or nothing. */
  write(changes: RecordChange[]): Promise<void>;
  /** Deletes every record; sequences are kept, so ids are never handed out twice. */
  clear(): Promise<void>;
  /**
   * Durably reserves `size` values of a sequence, none of which was ever reserved before and all
   * at least `floor`; resolves with the exclusive end of the block (the block is `[end - size, end)`).
   * Once it resolves the reservation must survive a crash of the caller.
   */
  reserve(sequence: string, size: number, floor: bigint): Promise<bigint>;
}

/** An in-memory store: a simulator's state outlives the simulator (tests of restarts). */
export interface MemoryStore extends SimulatorStore {
  readonly records: Map<string, StoredRecord>;
  readonly sequences: Map<string, bigint>;
}

/** A store kept in this process's memory. */
export function memoryStore(): MemoryStore {
  const records = new Map<string, StoredRecord>();
  const sequences = new Map<string, bigint>();
  const id = (kind: string, key: string) => `${kind}\u0000${key}`;
  return {
    records,
    sequences,
    load: async () => [...records.values()],
    write: async (changes) => {
      for (const { kind, key, json } of changes) {
        if (json === null) records.delete(id(kind, key));
        else records.set(id(kind, key), { kind, key, json });
      }
    },
    clear: async () => records.clear(),
    reserve: async (sequence, size, floor) => {
      const reserved = sequences.get(sequence) ?? floor;
      const end = (reserved > floor ? reserved : floor) + BigInt(size);
      sequences.set(sequence, end);
      return end;
    },
  };
}
