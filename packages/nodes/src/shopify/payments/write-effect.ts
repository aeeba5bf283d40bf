/**
 * Shopify writes that must not repeat (recording a payment, a refund, a void) on the shared
 * exactly-once driver (`effects/perform-once.ts`). Shopify's Admin API takes no idempotency key,
 * so the write is claimed under its business reference (connection + order + operation) before
 * it is sent, and what the order looked like just before sending (a *baseline*, e.g. how many
 * matching payments it had) is noted on the claim. A lost answer is looked up on the order at
 * once (Shopify shows a write as soon as it is made); a write that could land twice is sent again
 * only after the unknown-outcome wait. A refusal re-reads the order once (it may have been paid
 * meanwhile).
 *
 * @module
 */
import type { ExecuteContext } from '@paybridge/engine';
import type { z } from 'zod';
import { businessReference } from '../../effects/business-reference';
import { performOnce, type EffectContext } from '../../effects/perform-once';
import {
  ShopifyNotSentError,
  ShopifyOutcomeUnknownError,
  ShopifyUserError,
} from '../client/errors';
import { legacyIdOf } from '../ids';

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
  /** What a conflicting recorded write was (default: a payment on the order). */
  readonly conflictMessage?: string;
}

/**
 * The business reference of a write on an order: `shopify:<connection>:<operation>:order:<id>`,
 * or the node's own reference (`custom`) under the same connection and operation.
 */
export function orderWriteReference(
  ctx: Pick<ExecuteContext<{ connectionId: string }>, 'config'>,
  operation: string,
  orderId: string,
  custom?: string,
): string | null {
  return businessReference({
    connector: 'shopify',
    connectionId: ctx.config.connectionId,
    operation,
    custom,
    shopify: { orderId: legacyIdOf(orderId) ?? null, refundId: null, refunded: null },
  });
}

/**
 * Performs `effect` at most once per business fact (`business`; null: the flow and event).
 * Results carry their origin. Without a ledger a write that could land twice refuses to run;
 * others run with the in-step lookup only.
 */
export async function performShopifyWrite<Result extends object>(
  ctx: EffectContext,
  effect: ShopifyEffect<Result>,
  unknownOutcomeWaitMs: number,
  business: string | null = null,
): Promise<Result & { origin: EffectOrigin }> {
  const { result, origin } = await performOnce(ctx, {
    // The business reference names the operation already: the node's item only tells apart
    // effects of one execution in the flow/event scope.
    ref: { item: business === null ? effect.item : '', business },
    fingerprint: effect.fingerprint,
    system: 'SHOPIFY',
    result: effect.result,
    wrote: effect.wrote,
    async prepare() {
      const prepared = await effect.prepare();
      if ('done' in prepared) return prepared;
      return { note: prepared.baseline, send: () => prepared.send() };
    },
    lookup: (attempt) =>
      attempt.note === null ? Promise.resolve(undefined) : effect.lookup(attempt.note),
    classify: (err) => {
      if (err instanceof ShopifyUserError) return 'refused';
      if (err instanceof ShopifyNotSentError) return 'nothing-happened';
      if (err instanceof ShopifyOutcomeUnknownError) return 'unknown';
      return 'other';
    },
    describe: () => ({
      message:
        effect.conflictMessage ??
        'This step already recorded a payment on the order for a different request',
    }),
    unknownOutcomeWaitMs,
    couldLandTwice: effect.couldLandTwice,
    lookupAtOnce: true,
    noteMarksSending: true,
  });
  return { ...result, origin: origin === 'sent' ? 'shopify' : origin };
}
