/**
 * Exactly-once payments over an API without idempotency keys. Every payment call is claimed in the
 * effect ledger first; its invoice id derives from the claim, so the attempt can be found again.
 *
 * - **new**: call PayTrace. A definite answer is settled (approved, declined); a refusal releases
 *   the attempt (nothing happened) and fails; a lost answer leaves it pending and retries later.
 * - **unknown** (an earlier execution may have reached PayTrace): never call blindly. Until
 *   `unknownOutcomeWait` has passed since the attempt started, an abandoned request can still
 *   land, so wait; then look it up and settle what was found, or release on proven absence and
 *   open the next attempt under a new invoice id.
 * - **settled**: reuse the outcome. A changed request after money moved is a conflict. A decline
 *   seen by another run (an operator's replay) or for a changed request gets a fresh attempt.
 *
 * @module
 */
import { PermanentError, TransientError } from '@paybridge/engine';
import type { EffectClaim, EffectLedger, StepLogger } from '@paybridge/engine';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './client/errors';
import { PaymentOutcome, type PaymentOutput } from './nodes/shared/outputs';

/** An attempt whose answer was lost, as a lookup needs it. */
export interface UnknownAttempt {
  /** The invoice id this attempt was sent with. */
  readonly invoiceId: string;
  /** The remote id noted before the call (a capture's or void's target), if any. */
  readonly remoteId: string | null;
  readonly startedAt: Date;
  readonly now: Date;
  /**
   * False when the pending attempt was for a different request than the current one: a resolver
   * must then not re-send the current request to find out what the earlier one did.
   */
  readonly sameRequest: boolean;
}

/** One payment effect of a node. */
export interface PaymentEffect {
  /** Ledger item: `''` for a node's one effect; distinct names for further effects. */
  readonly item: string;
  /** {@link requestFingerprint} of the request. */
  readonly fingerprint: string;
  /** The transaction a follow-up acts on, noted in the ledger before calling. */
  readonly targetId?: string;
  /** Sends the request under `invoiceId` and returns PayTrace's definite answer. */
  perform(invoiceId: string): Promise<PaymentOutcome>;
  /** What an attempt whose answer was lost did: its outcome, or `undefined` when it provably did not happen. */
  resolve(attempt: UnknownAttempt): Promise<PaymentOutcome | undefined>;
}

/** The parts of an execution context exactly-once uses. */
export interface ExactlyOnceContext {
  readonly effects?: EffectLedger | undefined;
  readonly runId: string;
  now(): Date;
  readonly logger: StepLogger;
}

/** Guard against a store that never opens a new attempt. */
const MAX_ROUNDS = 12;

/** The invoice id of an attempt: the reference itself first, then `<reference>X<attempt>`. */
export function invoiceFor(claim: Pick<EffectClaim, 'reference' | 'attempt'>): string {
  return claim.attempt === 1 ? claim.reference : `${claim.reference}X${claim.attempt}`;
}

/** The ledger item of a generation: a fresh item when the store keeps declines settled. */
function itemFor(item: string, generation: number): string {
  return generation === 1 ? item : `${item}~${generation}`;
}

/** Errors that prove the request was not processed, so the attempt may be released. */
function provesNothingHappened(err: unknown): boolean {
  return err instanceof PaytraceNotSentError || err instanceof PermanentError;
}

function storedOutcome(claim: EffectClaim): PaymentOutcome {
  const parsed = PaymentOutcome.safeParse(claim.outcome);
  if (!parsed.success) {
    throw new PermanentError(
      'EFFECT_RECORD_UNREADABLE',
      `The recorded outcome of payment ${claim.reference} cannot be read; check it in PayTrace`,
    );
  }
  return parsed.data;
}

function conflict(outcome: PaymentOutcome): PermanentError {
  return new PermanentError(
    'IDEMPOTENCY_CONFLICT',
    `This step already completed a ${outcome.operation} as PayTrace transaction ` +
      `${outcome.transactionId} for a different request; it will not send the changed one. ` +
      'Send a changed payment as a new event, or undo the recorded one first.',
    { details: { transactionId: outcome.transactionId, operation: outcome.operation } },
  );
}

function pending(claim: EffectClaim, readyAt: number, now: number): TransientError {
  return new TransientError(
    'PAYTRACE_OUTCOME_PENDING',
    `An earlier attempt (invoice ${invoiceFor(claim)}) may still reach PayTrace; it is looked up ` +
      `once the unknown-outcome wait has passed`,
    { retryAfterMs: Math.max(1, readyAt - now) },
  );
}

async function callOnce(
  ctx: ExactlyOnceContext,
  ledger: EffectLedger,
  item: string,
  claim: EffectClaim,
  effect: PaymentEffect,
  waitMs: number,
): Promise<PaymentOutput> {
  if (effect.targetId !== undefined) {
    await ledger.noteRemoteId(item, claim.attempt, effect.targetId);
  }
  const invoiceId = invoiceFor(claim);
  let outcome: PaymentOutcome;
  try {
    outcome = await effect.perform(invoiceId);
  } catch (err) {
    if (err instanceof PaytraceOutcomeUnknownError) {
      const retryAfterMs = Math.max(0, claim.startedAt.getTime() + waitMs - ctx.now().getTime());
      throw new PaytraceOutcomeUnknownError(
        err.code,
        `${err.message}. It is looked up by invoice ${invoiceId} before anything is sent again.`,
        { retryAfterMs, cause: err },
      );
    }
    if (provesNothingHappened(err)) await ledger.release(item, claim.attempt);
    throw err;
  }
  await ledger.settle(item, claim.attempt, outcome, outcome.transactionId);
  return { ...outcome, origin: 'gateway' };
}

/**
 * Performs `effect` at most once per ledger record and returns its outcome (from PayTrace now,
 * from the ledger, or from a lookup). Throws TransientError while an earlier attempt's outcome
 * cannot be known yet, PermanentError `IDEMPOTENCY_CONFLICT` for a changed request after money
 * moved, and whatever the call threw otherwise.
 */
export async function performExactlyOnce(
  ctx: ExactlyOnceContext,
  effect: PaymentEffect,
  unknownOutcomeWaitMs: number,
): Promise<PaymentOutput> {
  const ledger = ctx.effects;
  if (!ledger) {
    throw new PermanentError(
      'EFFECT_LEDGER_MISSING',
      'This host keeps no effect ledger; PayTrace payments refuse to run without one',
    );
  }
  const releasedDeclines = new Set<string>();
  let generation = 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const item = itemFor(effect.item, generation);
    const claim = await ledger.claim(item, effect.fingerprint);
    const sameRequest = claim.fingerprint === effect.fingerprint;

    if (claim.state === 'new') {
      return callOnce(ctx, ledger, item, claim, effect, unknownOutcomeWaitMs);
    }

    if (claim.state === 'unknown') {
      const now = ctx.now();
      const readyAt = claim.startedAt.getTime() + unknownOutcomeWaitMs;
      if (now.getTime() < readyAt) throw pending(claim, readyAt, now.getTime());
      const invoiceId = invoiceFor(claim);
      const found = await effect.resolve({
        invoiceId,
        remoteId: claim.remoteId,
        startedAt: claim.startedAt,
        now,
        sameRequest,
      });
      if (found === undefined) {
        ctx.logger.info('earlier payment attempt proven absent; trying again', { invoiceId });
        await ledger.release(item, claim.attempt);
        continue;
      }
      ctx.logger.info('earlier payment attempt found', { invoiceId, status: found.status });
      await ledger.settle(item, claim.attempt, found, found.transactionId);
      if (found.status === 'approved' && !sameRequest) throw conflict(found);
      if (found.status === 'approved' || sameRequest) return { ...found, origin: 'lookup' };
      continue;
    }

    const outcome = storedOutcome(claim);
    if (outcome.status === 'approved') {
      if (!sameRequest) throw conflict(outcome);
      return { ...outcome, origin: 'ledger' };
    }
    if (claim.settledByRun === ctx.runId && sameRequest) return { ...outcome, origin: 'ledger' };
    // A decline seen by a replay, or for a changed request: money did not move, so try afresh.
    const key = `${item}#${claim.attempt}`;
    if (!releasedDeclines.has(key)) {
      releasedDeclines.add(key);
      await ledger.release(item, claim.attempt);
    } else {
      // The store keeps settled records closed: continue under the next generation's item.
      generation += 1;
    }
  }
  throw new PermanentError(
    'EFFECT_LEDGER_STUCK',
    'The effect ledger did not open a new payment attempt; check the effect records',
  );
}
