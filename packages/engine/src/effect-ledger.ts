/**
 * Exactly-once bookkeeping for external side effects (a charge, a refund, a posted invoice).
 *
 * The engine's checkpoints make a *step* durable only after it ran; a crash between a remote
 * call and its checkpoint would otherwise repeat the call. So a node with a non-repeatable
 * effect claims a record here *before* it calls the service, and settles it with what came back.
 * A later execution (a retry, a worker that took over after a crash, an operator's replay of the
 * same event) finds the record and either reuses the settled outcome or, when an earlier attempt
 * may have reached the service without anyone hearing the answer, looks the effect up remotely
 * instead of calling again. Only a proven absence opens a new attempt.
 *
 * Records are keyed by flow, event, node and item, not by run: a replay of an event is a new run
 * of the same logical work and must find what the first run did.
 *
 * @module
 */

/** Where a claimed effect stands. */
export type EffectState =
  /** Nobody tried this attempt before: call the service now. */
  | 'new'
  /**
   * An earlier execution claimed this attempt and never recorded an outcome: it may or may not
   * have reached the service. Look the effect up by its reference before doing anything else.
   */
  | 'unknown'
  /** The outcome is recorded; use it. */
  | 'settled';

/** What {@link EffectLedger.claim} hands back. */
export interface EffectClaim {
  /**
   * Stable across retries, crashes and replays of this effect: derive the remote reference
   * (e.g. PayTrace's `invoice_id`) from it and the attempt number. At most 20 characters,
   * `[A-Za-z0-9]` only, so any service's reference field accepts it.
   */
  readonly reference: string;
  /** 1-based; a new attempt is opened only after the previous one was proven not to exist. */
  readonly attempt: number;
  readonly state: EffectState;
  /** Fingerprint of the request recorded for this attempt (compare to detect a changed request). */
  readonly fingerprint: string;
  /** When the current attempt was claimed; an in-flight request may land until well after it. */
  readonly startedAt: Date;
  /** The settled outcome (`state: 'settled'` only), as given to `settle`. */
  readonly outcome: unknown;
  /** The service's id of the effect once known (a transaction id), else null. */
  readonly remoteId: string | null;
  /** The run that settled it (`state: 'settled'` only), else null. */
  readonly settledByRun: string | null;
}

/**
 * The ledger as an executor sees it, bound to its run and node. Every call is durable when it
 * resolves.
 */
export interface EffectLedger {
  /**
   * Claims the current attempt of effect `item` (use `''` when the node performs one effect per
   * execution). Creates the record with attempt 1 on first use; a released attempt is followed
   * by a fresh one carrying `fingerprint`. Otherwise it returns the record as it stands.
   */
  claim(item: string, fingerprint: string): Promise<EffectClaim>;
  /** Remembers the remote id of an attempt before its outcome is known (e.g. a refund's target). */
  noteRemoteId(item: string, attempt: number, remoteId: string): Promise<void>;
  /** Records the outcome of `attempt` (what the service answered, or what a lookup found). */
  settle(item: string, attempt: number, outcome: unknown, remoteId?: string | null): Promise<void>;
  /**
   * Closes `attempt` as having had no effect (the service refused before doing anything, or a
   * lookup proved it absent), so the next `claim` opens attempt + 1. Ignored when the attempt is
   * no longer current.
   */
  release(item: string, attempt: number): Promise<void>;
}

/** The store side: one ledger per run, scoped by node. */
export interface EffectStore {
  claim(nodeId: string, item: string, fingerprint: string): Promise<EffectClaim>;
  noteRemoteId(nodeId: string, item: string, attempt: number, remoteId: string): Promise<void>;
  settle(
    nodeId: string,
    item: string,
    attempt: number,
    outcome: unknown,
    remoteId: string | null,
  ): Promise<void>;
  release(nodeId: string, item: string, attempt: number): Promise<void>;
}

/** Binds a run's effect store to one node. */
export function ledgerForNode(store: EffectStore, nodeId: string): EffectLedger {
  return {
    claim: (item, fingerprint) => store.claim(nodeId, item, fingerprint),
    noteRemoteId: (item, attempt, remoteId) => store.noteRemoteId(nodeId, item, attempt, remoteId),
    settle: (item, attempt, outcome, remoteId) =>
      store.settle(nodeId, item, attempt, outcome, remoteId ?? null),
    release: (item, attempt) => store.release(nodeId, item, attempt),
  };
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';

/**
 * The reference of an effect: `PB` and 16 characters of a 64-bit FNV-1a hash of its key. Short
 * and alphanumeric so it fits the reference fields of payment and accounting APIs (PayTrace's
 * `invoice_id`, QuickBooks' `DocNumber` allows 21) with room for an attempt suffix.
 */
export function effectReference(
  flowId: string,
  scopeId: string,
  nodeId: string,
  item: string,
): string {
  const text = `${flowId}\u0000${scopeId}\u0000${nodeId}\u0000${item}`;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  // 64 bits are 13 base-32 digits; a second round with a different seed fills the rest.
  let out = '';
  let rest = hash;
  for (let i = 0; i < 13; i++) {
    out += REFERENCE_ALPHABET[Number(rest & 31n)];
    rest >>= 5n;
  }
  let second = hash ^ 0x9e3779b97f4a7c15n;
  second = (second * 0x100000001b3n) & 0xffffffffffffffffn;
  for (let i = 0; i < 3; i++) {
    out += REFERENCE_ALPHABET[Number(second & 31n)];
    second >>= 5n;
  }
  return `PB${out}`;
}

interface MemoryRecord {
  reference: string;
  attempt: number;
  fingerprint: string;
  status: 'pending' | 'settled' | 'released';
  startedAt: Date;
  outcome: unknown;
  remoteId: string | null;
  settledByRun: string | null;
}

/** An in-memory effect store, for tests and single-process tools. */
export interface MemoryEffectStore extends EffectStore {
  /** Records by `nodeId|item`, to assert on. */
  readonly records: Map<string, MemoryRecord>;
  /** The store as a different run of the same event would see it (a replay). */
  forRun(runId: string): MemoryEffectStore;
}

/** Creates an in-memory effect store scoped to one flow and event. */
export function memoryEffectStore(
  options: {
    flowId?: string;
    eventId?: string;
    runId?: string;
    now?: () => Date;
    records?: Map<string, MemoryRecord>;
  } = {},
): MemoryEffectStore {
  const flowId = options.flowId ?? 'flow-1';
  const eventId = options.eventId ?? 'event-1';
  const runId = options.runId ?? 'run-1';
  const now = options.now ?? (() => new Date());
  const records = options.records ?? new Map<string, MemoryRecord>();
  const key = (nodeId: string, item: string) => `${nodeId}|${item}`;
  const snapshot = (record: MemoryRecord, state: EffectState): EffectClaim => ({
    reference: record.reference,
    attempt: record.attempt,
    state,
    fingerprint: record.fingerprint,
    startedAt: record.startedAt,
    outcome: state === 'settled' ? record.outcome : null,
    remoteId: record.remoteId,
    settledByRun: state === 'settled' ? record.settledByRun : null,
  });
  const store: MemoryEffectStore = {
    records,
    forRun: (other) => memoryEffectStore({ ...options, runId: other, records }),
    async claim(nodeId, item, fingerprint) {
      const existing = records.get(key(nodeId, item));
      if (!existing) {
        const record: MemoryRecord = {
          reference: effectReference(flowId, eventId, nodeId, item),
          attempt: 1,
          fingerprint,
          status: 'pending',
          startedAt: now(),
          outcome: null,
          remoteId: null,
          settledByRun: null,
        };
        records.set(key(nodeId, item), record);
        return snapshot(record, 'new');
      }
      if (existing.status === 'released') {
        Object.assign(existing, {
          attempt: existing.attempt + 1,
          fingerprint,
          status: 'pending',
          startedAt: now(),
          outcome: null,
          remoteId: null,
          settledByRun: null,
        });
        return snapshot(existing, 'new');
      }
      return snapshot(existing, existing.status === 'settled' ? 'settled' : 'unknown');
    },
    async noteRemoteId(nodeId, item, attempt, remoteId) {
      const record = records.get(key(nodeId, item));
      if (record && record.attempt === attempt) record.remoteId = remoteId;
    },
    async settle(nodeId, item, attempt, outcome, remoteId) {
      const record = records.get(key(nodeId, item));
      if (!record || record.attempt !== attempt) return;
      record.status = 'settled';
      record.outcome = JSON.parse(JSON.stringify(outcome ?? null)) as unknown;
      record.remoteId = remoteId ?? record.remoteId;
      record.settledByRun = runId;
    },
    async release(nodeId, item, attempt) {
      const record = records.get(key(nodeId, item));
      if (record && record.attempt === attempt && record.status !== 'settled') {
        record.status = 'released';
      }
    },
  };
  return store;
}
