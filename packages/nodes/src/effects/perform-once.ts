/**
 * The one exactly-once driver of every connector (PayTrace payments, Shopify payment writes, ERP
 * postings). Most of these services take no idempotency key, so each non-repeatable call is
 * claimed in the effect ledger first, under its business reference when the node has one (see
 * `business-reference.ts`), and its answer is settled there. Then:
 *
 * - **new**: optionally read the remote state first (`prepare`: already done? refused?), note
 *   what is needed to find the call again, send it with the claim's reference. A definite answer
 *   is settled; a refusal releases the claim (nothing happened); a lost answer stays pending.
 * - **unknown** (an earlier execution may have reached the service): never send blindly. Look the
 *   effect up (at once where the service shows writes at once, else once the unknown-outcome wait
 *   has passed and an abandoned request cannot land any more). Found: settle it. Proven absent:
 *   release and open the next attempt under a new reference.
 * - **settled**: reuse the outcome when the request is the same. A changed request after the
 *   service did something is `IDEMPOTENCY_CONFLICT`; when it did nothing (a decline), the
 *   changed request, or a replay by another run where the effect asks for it, tries afresh.
 *
 * One policy for all: one round limit, the same conflict and pending errors.
 *
 * @module
 */
import {
  PermanentError,
  TransientError,
  type EffectClaim,
  type EffectFacts,
  type EffectLedger,
  type EffectRef,
  type StepLogger,
} from '@paybridge/engine';
import type { z } from 'zod';

/** Where a result came from: the service's answer now, the ledger, or a lookup. */
export type EffectOrigin = 'sent' | 'ledger' | 'lookup';

/** An attempt whose answer was lost, as a lookup needs it. */
export interface UnknownAttempt {
  /** The reference this attempt was sent with ({@link attemptReference}). */
  readonly reference: string;
  /** What was noted before sending (a baseline, a target), if anything. */
  readonly note: string | null;
  readonly startedAt: Date;
  readonly now: Date;
  /**
   * False when the pending attempt was for a different request than the current one: a lookup
   * must then not re-send the current request to find out what the earlier one did.
   */
  readonly sameRequest: boolean;
}

/** What preparing a call found: nothing to do (with the result), or a call to send. */
export type Prepared<Result> =
  | { readonly done: Result }
  | {
      /** Noted on the claim right before sending, handed back to a lookup. */
      readonly note?: string | null;
      send(reference: string): Promise<Result>;
    };

/** How a failed call is to be read. */
export type FailureKind =
  /** Proven not to have reached the service, or refused outright: release and fail. */
  | 'nothing-happened'
  /** Refused for the current state of the remote object: release, decide again once. */
  | 'refused'
  /** It may or may not have reached the service. */
  | 'unknown'
  /** Anything else: fail, leaving the claim pending. */
  | 'other';

/** One non-repeatable call. */
export interface Effect<Result> {
  /** Which ledger record: business reference (or null for the flow/event scope) and item. */
  readonly ref: EffectRef;
  /** {@link fingerprint} of what makes two requests the same. */
  readonly fingerprint: string;
  /** Facts recorded with the claim (target, operation, amount) for caps across records. */
  readonly facts?: EffectFacts;
  /** Upper-case service name for error codes (`PAYTRACE` → `PAYTRACE_OUTCOME_PENDING`). */
  readonly system: string;
  /** Schema of `Result` as stored in the ledger. */
  readonly result: z.ZodType<Result>;
  /** Whether a stored result changed something (a changed request then conflicts with it). */
  wrote(result: Result): boolean;
  /** The service's id of what was done, recorded with the outcome. */
  remoteIdOf?(result: Result): string | null;
  /** Reads and decides before anything is sent; throwing here means nothing was sent. */
  prepare(): Promise<Prepared<Result>>;
  /** What an attempt whose answer was lost did, or `undefined` when it provably did not happen. */
  lookup(attempt: UnknownAttempt): Promise<Result | undefined>;
  /** How to read an error thrown by `send`. */
  classify(err: unknown): FailureKind;
  /** Turns an error into the node's error (default: as thrown). */
  mapError?(err: unknown): unknown;
  /** Where a result, stored or found, conflicts with the current request: the message to give. */
  describe(result: Result): {
    readonly message: string;
    readonly details?: Record<string, unknown>;
  };
  /** How long an abandoned request may still land after its attempt started. */
  readonly unknownOutcomeWaitMs: number;
  /** Whether a lost request may still land later, so it is never re-sent before the wait. */
  readonly couldLandTwice: boolean;
  /** Look a lost answer up at once (the service shows writes at once) rather than after the wait. */
  readonly lookupAtOnce?: boolean;
  /** The note is written right before sending: an unknown attempt without one was never sent. */
  readonly noteMarksSending?: boolean;
  /** A recorded result that changed nothing, seen by another run, is tried again (a decline). */
  readonly retryUnchangedOnReplay?: boolean;
  /**
   * Whether the effect may run where the host keeps no ledger (tools, tests). Default: only when
   * it cannot land twice. ERP postings may: their adapters find a document by its reference.
   */
  readonly runsWithoutLedger?: boolean;
}

/** The parts of an execution context the driver uses. */
export interface EffectContext {
  readonly effects?: EffectLedger | undefined;
  readonly runId: string;
  now(): Date;
  readonly logger: StepLogger;
}

/** Guard against a store that never opens a new attempt: the one limit of every connector. */
export const MAX_EFFECT_ROUNDS = 8;

/** The reference an attempt is sent with: the claim's reference first, then `<ref>X<attempt>`. */
export function attemptReference(claim: Pick<EffectClaim, 'reference' | 'attempt'>): string {
  return claim.attempt === 1 ? claim.reference : `${claim.reference}X${claim.attempt}`;
}

function withGeneration(ref: EffectRef, generation: number): EffectRef {
  if (generation === 1) return ref;
  return { ...ref, item: `${ref.item}~${generation}` };
}

function conflict<Result>(effect: Effect<Result>, result: Result): PermanentError {
  const { message, details } = effect.describe(result);
  return new PermanentError(
    'IDEMPOTENCY_CONFLICT',
    `${message}; it will not send the changed request. Send a changed request under another ` +
      'business reference, or undo the recorded one first.',
    details ? { details } : {},
  );
}

function pending(system: string, readyAt: number, now: number): TransientError {
  return new TransientError(
    `${system}_OUTCOME_PENDING`,
    `An earlier attempt may still reach ${system.toLowerCase()}; it is looked up once the ` +
      'unknown-outcome wait has passed, before anything is sent again',
    { retryAfterMs: Math.max(1, readyAt - now) },
  );
}

function unknownOutcome(
  system: string,
  err: unknown,
  reference: string,
  retryAfterMs: number,
): TransientError {
  const { code, retryAfterMs: asked } = err as { code?: unknown; retryAfterMs?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  return new TransientError(
    typeof code === 'string' ? code : `${system}_OUTCOME_UNKNOWN`,
    `${message}. It is looked up by its reference ${reference} before anything is sent again.`,
    { retryAfterMs: Math.max(retryAfterMs, typeof asked === 'number' ? asked : 0), cause: err },
  );
}

function stored<Result>(effect: Effect<Result>, claim: EffectClaim): Result {
  const parsed = effect.result.safeParse(claim.outcome);
  if (!parsed.success) {
    throw new PermanentError(
      'EFFECT_RECORD_UNREADABLE',
      `The recorded outcome of ${effect.system.toLowerCase()} effect ${claim.reference} cannot ` +
        'be read; check it at the service',
    );
  }
  return parsed.data;
}

/** Runs an effect where the host keeps no ledger: only writes that cannot land twice may. */
async function withoutLedger<Result>(
  effect: Effect<Result>,
): Promise<{ result: Result; origin: EffectOrigin }> {
  if (!(effect.runsWithoutLedger ?? !effect.couldLandTwice)) {
    throw new PermanentError(
      'EFFECT_LEDGER_MISSING',
      `This host keeps no effect ledger; this ${effect.system.toLowerCase()} call refuses to run ` +
        'without one',
    );
  }
  const prepared = await effect.prepare();
  if ('done' in prepared) return { result: prepared.done, origin: 'sent' };
  try {
    return { result: await prepared.send(''), origin: 'sent' };
  } catch (err) {
    if (effect.classify(err) !== 'unknown') throw effect.mapError ? effect.mapError(err) : err;
    const now = new Date();
    const found = await effect.lookup({
      reference: '',
      note: prepared.note ?? null,
      startedAt: now,
      now,
      sameRequest: true,
    });
    if (found) return { result: found, origin: 'lookup' };
    throw effect.mapError ? effect.mapError(err) : err;
  }
}

/**
 * Performs `effect` at most once per ledger record and returns its result with where it came
 * from. Throws TransientError while an earlier attempt's outcome cannot be known yet,
 * PermanentError `IDEMPOTENCY_CONFLICT` for a changed request after the service did something,
 * and what the call threw otherwise.
 */
export async function performOnce<Result>(
  ctx: EffectContext,
  effect: Effect<Result>,
): Promise<{ result: Result; origin: EffectOrigin }> {
  const ledger = ctx.effects;
  if (!ledger) return withoutLedger(effect);
  const fail = (err: unknown): never => {
    throw effect.mapError ? effect.mapError(err) : err;
  };
  const waitMs = effect.unknownOutcomeWaitMs;
  const releasedSettled = new Set<string>();
  let refusedOnce = false;
  // A settled record the store keeps closed is left behind under a new item ("generation").
  let generation = 1;
  for (let round = 0; round < MAX_EFFECT_ROUNDS; round++) {
    const ref = withGeneration(effect.ref, generation);
    const claim = await ledger.claim(ref, effect.fingerprint, effect.facts);
    const sameRequest = claim.fingerprint === effect.fingerprint;

    if (claim.state === 'settled') {
      const result = stored(effect, claim);
      const changed = effect.wrote(result);
      if (changed && !sameRequest) throw conflict(effect, result);
      const replayOfUnchanged =
        !changed && effect.retryUnchangedOnReplay === true && claim.settledByRun !== ctx.runId;
      if (sameRequest && !replayOfUnchanged) return { result, origin: 'ledger' };
      // Nothing changed at the service: the changed request (or a replay) may go ahead.
      const key = `${ledger.keyOf(ref)}#${claim.attempt}`;
      if (releasedSettled.has(key)) generation += 1;
      else {
        releasedSettled.add(key);
        await ledger.release(ref, claim.attempt);
      }
      continue;
    }

    if (claim.state === 'unknown') {
      if (effect.noteMarksSending && claim.remoteId === null) {
        await ledger.release(ref, claim.attempt);
        continue;
      }
      const now = ctx.now();
      const readyAt = claim.startedAt.getTime() + waitMs;
      const ready = now.getTime() >= readyAt;
      if (!ready && !effect.lookupAtOnce) throw pending(effect.system, readyAt, now.getTime());
      const reference = attemptReference(claim);
      const found = await effect.lookup({
        reference,
        note: claim.remoteId,
        startedAt: claim.startedAt,
        now,
        sameRequest,
      });
      if (found === undefined) {
        if (!ready && effect.couldLandTwice) throw pending(effect.system, readyAt, now.getTime());
        ctx.logger.info('earlier attempt proven absent; trying again', { reference });
        await ledger.release(ref, claim.attempt);
        continue;
      }
      ctx.logger.info('earlier attempt found', { reference });
      await ledger.settle(ref, claim.attempt, found, effect.remoteIdOf?.(found) ?? null);
      if (effect.wrote(found) && !sameRequest) throw conflict(effect, found);
      if (effect.wrote(found) || sameRequest) return { result: found, origin: 'lookup' };
      continue;
    }

    let prepared: Prepared<Result>;
    try {
      prepared = await effect.prepare();
    } catch (err) {
      await ledger.release(ref, claim.attempt);
      throw err;
    }
    if ('done' in prepared) {
      await ledger.settle(ref, claim.attempt, prepared.done, effect.remoteIdOf?.(prepared.done));
      return { result: prepared.done, origin: 'sent' };
    }
    const note = prepared.note ?? null;
    if (note !== null) await ledger.noteRemoteId(ref, claim.attempt, note);
    const reference = attemptReference(claim);
    try {
      const result = await prepared.send(reference);
      await ledger.settle(ref, claim.attempt, result, effect.remoteIdOf?.(result) ?? null);
      return { result, origin: 'sent' };
    } catch (err) {
      const kind = effect.classify(err);
      if (kind === 'refused' && !refusedOnce) {
        // Refused: nothing changed. The remote object may have moved on: decide again.
        refusedOnce = true;
        await ledger.release(ref, claim.attempt);
        continue;
      }
      if (kind === 'refused' || kind === 'nothing-happened') {
        await ledger.release(ref, claim.attempt);
        fail(err);
      }
      if (kind !== 'unknown') fail(err);
      const readyAt = claim.startedAt.getTime() + waitMs;
      if (!effect.lookupAtOnce) {
        const retryAfterMs = Math.max(0, readyAt - ctx.now().getTime());
        throw unknownOutcome(effect.system, err, reference, retryAfterMs);
      }
      const found = await effect.lookup({
        reference,
        note,
        startedAt: claim.startedAt,
        now: ctx.now(),
        sameRequest: true,
      });
      if (found) {
        await ledger.settle(ref, claim.attempt, found, effect.remoteIdOf?.(found) ?? null);
        return { result: found, origin: 'lookup' };
      }
      if (!effect.couldLandTwice) {
        await ledger.release(ref, claim.attempt);
        continue;
      }
      throw pending(effect.system, readyAt, ctx.now().getTime());
    }
  }
  throw new PermanentError(
    'EFFECT_LEDGER_STUCK',
    'The effect ledger did not open a new attempt; check the effect records',
  );
}
