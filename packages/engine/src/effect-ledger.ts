/**
 * Exactly-once bookkeeping for external side effects (a charge, a refund, a posted invoice).
 *
 * The engine's checkpoints make a *step* durable only after it ran; a crash between a remote
 * call and its checkpoint would otherwise repeat the call. So a node with a non-repeatable
 * effect claims a record here *before* it calls the service, and settles it with what came back.
 * A later execution (a retry, a worker that took over after a crash, an operator's replay, another
 * event or another flow asking for the same business fact) finds the record and either reuses the
 * settled outcome or, when an earlier attempt may have reached the service without anyone hearing
 * the answer, looks the effect up remotely instead of calling again. Only a proven absence opens a
 * new attempt.
 *
 * Records are keyed by the effect's **business reference** when the node can name one (PayTrace
 * connection + Shopify order id + operation, a Shopify refund id, a document's external
 * reference): whatever path asks for the same business fact again finds the record. A node that
 * cannot name one falls back to the flow, event, node and item, which still covers retries, crash
 * recovery and replays of the same event, but not a second event or another flow.
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

/**
 * Which record an effect uses. `business` is the business reference (already scoped by connector,
 * connection and operation); null falls back to flow + event + node. `item` tells apart the
 * effects of one node execution (`''` for a node's one effect).
 */
export interface EffectRef {
  readonly item: string;
  readonly business?: string | null | undefined;
}

/** Facts recorded with a claim so other effects can reason about it (refund caps). */
export interface EffectFacts {
  /** The remote object acted on (the transaction a refund refunds). */
  readonly target?: string | null | undefined;
  /** The operation (`refund`, `sale`, …). */
  readonly operation?: string | null | undefined;
  /** The amount asked for, in minor units; null when the service decides (a full refund). */
  readonly amountMinor?: number | null | undefined;
}

/** What {@link EffectLedger.claim} hands back. */
export interface EffectClaim {
  /**
   * Stable across retries, crashes, replays and every path to the same business fact: derive the
   * remote reference (e.g. PayTrace's `invoice_id`) from it and the attempt number. At most 20
   * characters, `[A-Za-z0-9]` only, so any service's reference field accepts it.
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

/** Another record acting on the same target, as {@link EffectLedger.related} lists it. */
export interface RelatedEffect {
  /** The record's key (compare with {@link EffectLedger.keyOf} to skip one's own). */
  readonly key: string;
  readonly status: 'pending' | 'settled' | 'released';
  readonly operation: string | null;
  readonly amountMinor: number | null;
  /** The settled outcome, else null. */
  readonly outcome: unknown;
}

/**
 * The ledger as an executor sees it, bound to its run and node. Every call is durable when it
 * resolves.
 */
export interface EffectLedger {
  /** The key of the record `ref` names (a business key, or the flow/event/node/item fallback). */
  keyOf(ref: EffectRef): string;
  /**
   * Claims the current attempt of the effect `ref` names. Creates the record with attempt 1 on
   * first use; a released attempt is followed by a fresh one carrying `fingerprint` and `facts`.
   * Otherwise it returns the record as it stands.
   */
  claim(ref: EffectRef, fingerprint: string, facts?: EffectFacts): Promise<EffectClaim>;
  /** Remembers the remote id of an attempt before its outcome is known (e.g. a refund's target). */
  noteRemoteId(ref: EffectRef, attempt: number, remoteId: string): Promise<void>;
  /** Records the outcome of `attempt` (what the service answered, or what a lookup found). */
  settle(
    ref: EffectRef,
    attempt: number,
    outcome: unknown,
    remoteId?: string | null,
  ): Promise<void>;
  /**
   * Closes `attempt` as having had no effect (the service refused before doing anything, or a
   * lookup proved it absent), so the next `claim` opens attempt + 1. Ignored when the attempt is
   * no longer current.
   */
  release(ref: EffectRef, attempt: number): Promise<void>;
  /** Every record (of any flow) whose claim named `target`, e.g. all refunds of a sale. */
  related(target: string): Promise<RelatedEffect[]>;
}

/** The store side: one per run; node ids scope the fallback keys. */
export interface EffectStore {
  keyOf(nodeId: string, ref: EffectRef): string;
  claim(
    nodeId: string,
    ref: EffectRef,
    fingerprint: string,
    facts: EffectFacts,
  ): Promise<EffectClaim>;
  noteRemoteId(nodeId: string, ref: EffectRef, attempt: number, remoteId: string): Promise<void>;
  settle(
    nodeId: string,
    ref: EffectRef,
    attempt: number,
    outcome: unknown,
    remoteId: string | null,
  ): Promise<void>;
  release(nodeId: string, ref: EffectRef, attempt: number): Promise<void>;
  related(target: string): Promise<RelatedEffect[]>;
}

/** Binds a run's effect store to one node. */
export function ledgerForNode(store: EffectStore, nodeId: string): EffectLedger {
  return {
    keyOf: (ref) => store.keyOf(nodeId, ref),
    claim: (ref, fingerprint, facts) => store.claim(nodeId, ref, fingerprint, facts ?? {}),
    noteRemoteId: (ref, attempt, remoteId) => store.noteRemoteId(nodeId, ref, attempt, remoteId),
    settle: (ref, attempt, outcome, remoteId) =>
      store.settle(nodeId, ref, attempt, outcome, remoteId ?? null),
    release: (ref, attempt) => store.release(nodeId, ref, attempt),
    related: (target) => store.related(target),
  };
}

/**
 * The record key of `ref`: `biz:<business>` (with `#<item>` for a node's further effects), or the
 * fallback `flow:<flow>/event:<event>/node:<node>/item:<item>`, the form migration 0007 gave the
 * records keyed the old way, so they stay usable.
 */
export function effectKey(flowId: string, eventId: string, nodeId: string, ref: EffectRef): string {
  if (ref.business) return `biz:${ref.business}${ref.item ? `#${ref.item}` : ''}`;
  return `flow:${flowId}/event:${eventId}/node:${nodeId}/item:${ref.item}`;
}

/**
 * The reference of the record `ref` names: business-keyed records hash their key; fallback
 * records hash flow, event, node and item exactly as before business keys existed, so invoice ids
 * of attempts in flight across the upgrade are still found.
 */
export function referenceOf(flowId: string, eventId: string, nodeId: string, ref: EffectRef) {
  return ref.business
    ? effectReference('business', effectKey(flowId, eventId, nodeId, ref))
    : effectReference(flowId, eventId, nodeId, ref.item);
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';

/**
 * The reference of an effect: `PB` and 16 characters of a 64-bit FNV-1a hash of its key parts.
 * Short and alphanumeric so it fits the reference fields of payment and accounting APIs
 * (PayTrace's `invoice_id`, QuickBooks' `DocNumber` allows 21) with room for an attempt suffix.
 */
export function effectReference(...parts: string[]): string {
  const text = parts.join('\u0000');
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
  target: string | null;
  operation: string | null;
  amountMinor: number | null;
}

/** An in-memory effect store, for tests and single-process tools. */
export interface MemoryEffectStore extends EffectStore {
  /** Records by key ({@link effectKey}), to assert on. */
  readonly records: Map<string, MemoryRecord>;
  /** The store as a different run of the same event would see it (a replay). */
  forRun(runId: string): MemoryEffectStore;
  /** The store as a run of another event (or flow) would see it: business keys are shared. */
  forEvent(scope: { flowId?: string; eventId: string; runId: string }): MemoryEffectStore;
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
  const key = (nodeId: string, ref: EffectRef) => effectKey(flowId, eventId, nodeId, ref);
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
  const factsOf = (facts: EffectFacts) => ({
    target: facts.target ?? null,
    operation: facts.operation ?? null,
    amountMinor: facts.amountMinor ?? null,
  });
  const store: MemoryEffectStore = {
    records,
    forRun: (other) => memoryEffectStore({ ...options, runId: other, records }),
    forEvent: (scope) => memoryEffectStore({ ...options, ...scope, records }),
    keyOf: key,
    async claim(nodeId, ref, fingerprint, facts) {
      const existing = records.get(key(nodeId, ref));
      if (!existing) {
        const record: MemoryRecord = {
          reference: referenceOf(flowId, eventId, nodeId, ref),
          attempt: 1,
          fingerprint,
          status: 'pending',
          startedAt: now(),
          outcome: null,
          remoteId: null,
          settledByRun: null,
          ...factsOf(facts),
        };
        records.set(key(nodeId, ref), record);
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
          ...factsOf(facts),
        });
        return snapshot(existing, 'new');
      }
      return snapshot(existing, existing.status === 'settled' ? 'settled' : 'unknown');
    },
    async noteRemoteId(nodeId, ref, attempt, remoteId) {
      const record = records.get(key(nodeId, ref));
      if (record && record.attempt === attempt) record.remoteId = remoteId;
    },
    async settle(nodeId, ref, attempt, outcome, remoteId) {
      const record = records.get(key(nodeId, ref));
      if (!record || record.attempt !== attempt) return;
      record.status = 'settled';
      record.outcome = JSON.parse(JSON.stringify(outcome ?? null)) as unknown;
      record.remoteId = remoteId ?? record.remoteId;
      record.settledByRun = runId;
    },
    async release(nodeId, ref, attempt) {
      const record = records.get(key(nodeId, ref));
      if (record && record.attempt === attempt && record.status !== 'settled') {
        record.status = 'released';
      }
    },
    async related(target) {
      return [...records.entries()]
        .filter(([, record]) => record.target === target)
        .map(([recordKey, record]) => ({
          key: recordKey,
          status: record.status,
          operation: record.operation,
          amountMinor: record.amountMinor,
          outcome: record.status === 'settled' ? record.outcome : null,
        }));
    },
  };
  return store;
}
