/**
 * Exactly-once for Shopify writes that must not repeat (recording a payment or a refund), over an
 * API without idempotency keys. The write is claimed in the effect ledger before it is sent, and
 * what the order looked like just before sending (a *baseline*, e.g. how many matching payments it
 * had) is noted on the claim. Then:
 *
 * - **new**: read the order and decide (already done? refused?); note the baseline; send. A
 *   definite answer is settled; a refusal releases the claim (nothing changed) after one re-read;
 *   a lost answer is looked up against the baseline at once.
 * - **unknown** (an earlier execution may have sent it): no baseline noted means it never left;
 *   otherwise look it up. Found: settle. Not found: for writes that could land twice, wait until
 *   the unknown-outcome wait has passed since the claim (an abandoned request can still land),
 *   then release and start a new attempt.
 * - **settled**: reuse the outcome; a changed request after something was written is a conflict.
 *
 * @module
 */
import {
  PermanentError,
  TransientError,
  type EffectLedger,
  type StepLogger,
} from '@paybridge/engine';
import type { z } from 'zod';
import {
  ShopifyNotSentError,
  ShopifyOutcomeUnknownError,
  ShopifyUserError,
} from '../client/errors';

/** Where a result came from: Shopify's answer now, the ledger, or a lookup after a lost answer. */
export type EffectOrigin = 'shopify' | 'ledger' | 'lookup';

/** What preparing a write found: nothing to do (with the result), or a write to send. */
export type Prepared<Result> =
  { readonly done: Result } | { readonly baseline: string; send(): Promise<Result> };

/** One non-repeatable write. */
export interface ShopifyEffect<Result> {
  /** Ledger item (`''` for a node's one effect). */
  readonly item: string;
  readonly fingerprint: string;
  /** Schema of `Result` as stored in the ledger. */
  readonly result: z.ZodType<Result>;
  /** Whether a stored result wrote something (a changed request then conflicts with it). */
  wrote(result: Result): boolean;
  /** Reads the order and decides. Read-only: throwing here means nothing was sent. */
  prepare(): Promise<Prepared<Result>>;
  /** What a write sent from `baseline` did, or `undefined` when the order shows no trace of it. */
  lookup(baseline: string): Promise<Result | undefined>;
  /**
   * Whether a write that was not found may still land later and so must not be resent before
   * the unknown-outcome wait (true for an amount; false for "pay what is outstanding").
   */
  readonly couldLandTwice: boolean;
}

/** The parts of an execution context exactly-once uses. */
export interface EffectContext {
  readonly effects?: EffectLedger | undefined;
  now(): Date;
  readonly logger: StepLogger;
}

/** Guard against a store that never opens a new attempt. */
const MAX_ROUNDS = 8;

function pending(readyAt: number, now: number): TransientError {
  return new TransientError(
    'SHOPIFY_OUTCOME_PENDING',
    'An earlier attempt may still reach Shopify; the order is checked again once the ' +
      'unknown-outcome wait has passed, before anything is sent again',
    { retryAfterMs: Math.max(1, readyAt - now) },
  );
}

function conflict(): PermanentError {
  return new PermanentError(
    'IDEMPOTENCY_CONFLICT',
    'This step already recorded a payment on the order for a different request; it will not ' +
      'send the changed one. Send a changed payment as a new event.',
  );
}

/**
 * Performs `effect` at most once per ledger record. Results carry their origin. Without a ledger
 * a write that could land twice refuses to run; others run with the in-step lookup only.
 */
export async function performOnce<Result extends object>(
  ctx: EffectContext,
  effect: ShopifyEffect<Result>,
  unknownOutcomeWaitMs: number,
): Promise<Result & { origin: EffectOrigin }> {
  const ledger = ctx.effects;
  if (!ledger) {
    if (effect.couldLandTwice) {
      throw new PermanentError(
        'EFFECT_LEDGER_MISSING',
        'This host keeps no effect ledger; recording an amount refuses to run without one',
      );
    }
    const prepared = await effect.prepare();
    if ('done' in prepared) return { ...prepared.done, origin: 'shopify' };
    try {
      return { ...(await prepared.send()), origin: 'shopify' };
    } catch (err) {
      if (!(err instanceof ShopifyOutcomeUnknownError)) throw err;
      const found = await effect.lookup(prepared.baseline);
      if (found) return { ...found, origin: 'lookup' };
      throw err;
    }
  }

  let refusedOnce = false;
  // A settled record the store keeps closed is left behind under a new item ("generation").
  let generation = 1;
  const releasedSettled = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const item = generation === 1 ? effect.item : `${effect.item}~${generation}`;
    const claim = await ledger.claim(item, effect.fingerprint);
    const sameRequest = claim.fingerprint === effect.fingerprint;

    if (claim.state === 'settled') {
      const stored = effect.result.safeParse(claim.outcome);
      if (!stored.success) {
        throw new PermanentError(
          'EFFECT_RECORD_UNREADABLE',
          'The recorded outcome of this step cannot be read; check the order in Shopify',
        );
      }
      if (sameRequest) return { ...stored.data, origin: 'ledger' };
      if (effect.wrote(stored.data)) throw conflict();
      // Nothing was written for the old request: the changed one may go ahead.
      const key = `${item}#${claim.attempt}`;
      if (releasedSettled.has(key)) generation += 1;
      else {
        releasedSettled.add(key);
        await ledger.release(item, claim.attempt);
      }
      continue;
    }

    if (claim.state === 'unknown') {
      if (claim.remoteId === null) {
        // The baseline is noted right before sending: without it, nothing was sent.
        await ledger.release(item, claim.attempt);
        continue;
      }
      const found = await effect.lookup(claim.remoteId);
      if (found) {
        ctx.logger.info('earlier Shopify write found', { item });
        await ledger.settle(item, claim.attempt, found);
        if (!sameRequest && effect.wrote(found)) throw conflict();
        return { ...found, origin: 'lookup' };
      }
      const now = ctx.now().getTime();
      const readyAt = claim.startedAt.getTime() + unknownOutcomeWaitMs;
      if (effect.couldLandTwice && now < readyAt) throw pending(readyAt, now);
      ctx.logger.info('earlier Shopify write not found; trying again', { item });
      await ledger.release(item, claim.attempt);
      continue;
    }

    let prepared: Prepared<Result>;
    try {
      prepared = await effect.prepare();
    } catch (err) {
      await ledger.release(item, claim.attempt);
      throw err;
    }
    if ('done' in prepared) {
      await ledger.settle(item, claim.attempt, prepared.done);
      return { ...prepared.done, origin: 'shopify' };
    }
    await ledger.noteRemoteId(item, claim.attempt, prepared.baseline);
    try {
      const result = await prepared.send();
      await ledger.settle(item, claim.attempt, result);
      return { ...result, origin: 'shopify' };
    } catch (err) {
      if (err instanceof ShopifyUserError && !refusedOnce) {
        // Refused: nothing changed. The order may have moved on (paid meanwhile): decide again.
        refusedOnce = true;
        await ledger.release(item, claim.attempt);
        continue;
      }
      if (err instanceof ShopifyUserError || err instanceof ShopifyNotSentError) {
        await ledger.release(item, claim.attempt);
        throw err;
      }
      if (!(err instanceof ShopifyOutcomeUnknownError)) throw err;
      const found = await effect.lookup(prepared.baseline);
      if (found) {
        await ledger.settle(item, claim.attempt, found);
        return { ...found, origin: 'lookup' };
      }
      if (!effect.couldLandTwice) {
        await ledger.release(item, claim.attempt);
        continue;
      }
      const readyAt = claim.startedAt.getTime() + unknownOutcomeWaitMs;
      throw pending(readyAt, ctx.now().getTime());
    }
  }
  throw new PermanentError(
    'EFFECT_LEDGER_STUCK',
    'The effect ledger did not open a new attempt; check the effect records',
  );
}
