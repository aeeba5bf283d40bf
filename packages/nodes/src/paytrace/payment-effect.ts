/**
 * PayTrace payments on the shared exactly-once driver (`effects/perform-once.ts`). PayTrace takes
 * no idempotency key, so each payment is claimed under its business reference first and sent
 * with an invoice id derived from the claim; a lost answer is found by that invoice id (or by the
 * target transaction) once the connection's unknown-outcome wait has passed, never re-sent
 * blindly. A recorded decline is retried by a replay (money did not move).
 *
 * @module
 */
import { PermanentError, type ExecuteContext } from '@paybridge/engine';
import {
  businessReference,
  triggerFacts,
  type ShopifyTriggerFacts,
} from '../effects/business-reference';
import { fingerprint } from '../effects/fingerprint';
import { performOnce, type Effect, type UnknownAttempt } from '../effects/perform-once';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './client/errors';
import type { PaytraceClient } from './client/paytrace-client';
import { PaymentOutcome, type PaymentOutput } from './nodes/shared/outputs';
import type { PreparedCall } from './prepared-call';

export type { UnknownAttempt } from '../effects/perform-once';

/** The operation of a payment node. */
export type PaymentOperation = PaymentOutcome['operation'];

/** One payment effect of a node. */
export interface PaymentEffect {
  /** Ledger item: `''` for a node's one effect; distinct names for further effects. */
  readonly item: string;
  readonly operation: PaymentOperation;
  readonly call: PreparedCall;
  /** The amount asked for in minor units; null when PayTrace decides (full capture or refund). */
  readonly amountMinor: number | null;
  /** The transaction a follow-up acts on, noted in the ledger before calling. */
  readonly targetId?: string;
  /**
   * Tells apart tries of one business fact that may each be sent (a pay page's submissions,
   * each with its own card): a recorded decline of another try lets this one go ahead, a
   * recorded approval of another try conflicts. Absent for nodes that send one request.
   */
  readonly attempt?: string;
  /** Sends the request under `invoiceId` and returns PayTrace's definite answer. */
  perform(invoiceId: string): Promise<PaymentOutcome>;
  /** What an attempt whose answer was lost did, or `undefined` when it provably did not happen. */
  resolve(attempt: UnknownAttempt): Promise<PaymentOutcome | undefined>;
}

/** The parts of a payment node's context and config the business reference needs. */
export type PaymentContext = Pick<
  ExecuteContext<{ connectionId: string; businessReference?: string | undefined }>,
  'config' | 'evaluate' | 'effects' | 'runId' | 'now' | 'logger'
>;

/** The business reference of a payment, from the node's field or the run's Shopify trigger. */
export function paymentReference(
  ctx: PaymentContext,
  operation: PaymentOperation,
  shopify: ShopifyTriggerFacts,
): string | null {
  return businessReference({
    connector: 'paytrace',
    connectionId: ctx.config.connectionId,
    operation,
    custom: ctx.config.businessReference,
    shopify,
    perRefund: operation === 'refund',
  });
}

/**
 * What makes two payments the same. Under a business reference it is the account, operation,
 * amount and target: another flow charging the same order for the same amount gets the recorded
 * transaction back, whatever its description. Without one, the whole request body, as before
 * business references.
 */
function paymentFingerprint(client: PaytraceClient, effect: PaymentEffect, business: boolean) {
  const account = `${client.settings.baseUrl} ${client.settings.username}`;
  if (!business)
    return fingerprint({ account, path: effect.call.path, body: { ...effect.call.body } });
  return fingerprint({
    account,
    operation: effect.operation,
    amount: effect.amountMinor,
    target: effect.targetId ?? null,
    ...(effect.attempt === undefined ? {} : { attempt: effect.attempt }),
  });
}

/**
 * Performs a payment at most once per business fact and returns its outcome (from PayTrace now,
 * from the ledger, or from a lookup). `business` is the payment's business reference (null: the
 * flow and event).
 */
export async function performPayment(
  ctx: PaymentContext,
  client: PaytraceClient,
  payment: PaymentEffect,
  business: string | null,
): Promise<PaymentOutput> {
  const effect: Effect<PaymentOutcome> = {
    ref: { item: payment.item, business },
    fingerprint: paymentFingerprint(client, payment, business !== null),
    facts: {
      target: payment.targetId ?? null,
      operation: payment.operation,
      amountMinor: payment.amountMinor,
    },
    system: 'PAYTRACE',
    result: PaymentOutcome,
    wrote: (outcome) => outcome.status === 'approved',
    remoteIdOf: (outcome) => outcome.transactionId,
    prepare: async () => ({
      note: payment.targetId ?? null,
      send: (invoiceId) => payment.perform(invoiceId),
    }),
    lookup: (attempt) => payment.resolve(attempt),
    classify: (err) => {
      if (err instanceof PaytraceOutcomeUnknownError) return 'unknown';
      if (err instanceof PaytraceNotSentError || err instanceof PermanentError) {
        return 'nothing-happened';
      }
      return 'other';
    },
    describe: (outcome) => ({
      message:
        `This ${outcome.operation} already completed as PayTrace transaction ` +
        `${outcome.transactionId} for a different request`,
      details: { transactionId: outcome.transactionId, operation: outcome.operation },
    }),
    unknownOutcomeWaitMs: client.settings.unknownOutcomeWaitMs,
    couldLandTwice: true,
    retryUnchangedOnReplay: true,
  };
  const { result, origin } = await performOnce(ctx, effect);
  return { ...result, origin: origin === 'sent' ? 'gateway' : origin };
}

/** Reads the run's Shopify facts and the payment's business reference in one go. */
export async function paymentScope(ctx: PaymentContext, operation: PaymentOperation) {
  const shopify = await triggerFacts(ctx);
  return { shopify, business: paymentReference(ctx, operation, shopify) };
}
