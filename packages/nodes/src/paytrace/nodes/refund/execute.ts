/**
 * The `paytrace.refund` executor, with the optional void of an unsettled transaction. Before
 * any money moves, a refund is checked against what Shopify refunded (when the run comes from a
 * Shopify refund) and against what was captured minus what the effect records already refunded.
 *
 * @module
 */
import {
  PermanentError,
  type ExecuteContext,
  type NodeExecutor,
  type NodeResult,
} from '@paybridge/engine';
import { z } from 'zod';
import type { ShopifyTriggerFacts } from '../../../effects/business-reference';
import { implementNode } from '../../../define-node';
import { followUpEndpoints } from '../../client/endpoints';
import { PaytraceRefusedError } from '../../client/errors';
import { parsePaytraceAmount, toPaytraceAmount } from '../../client/money';
import type { PaytraceClient } from '../../client/paytrace-client';
import { recordStatus } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import { exportTransaction, findByInvoice } from '../../lookups';
import { outcomeFromAnswer, outcomeFromRecord, usd, type OutcomeFacts } from '../../outcomes';
import {
  paymentScope,
  performPayment,
  type PaymentContext,
  type PaymentEffect,
} from '../../payment-effect';
import { prepareCall } from '../../prepared-call';
import { PaymentOutcome } from '../shared/outputs';
import { clientFor } from '../shared/node-client';
import { voidEffect } from '../shared/void-effect';
import { paytraceRefundNode, type PaytraceRefundConfig } from './definition';

/** Ledger item of the void that replaces a refund of an unsettled transaction. */
export const VOID_INSTEAD_ITEM = 'void-instead';

function refundEffect(client: PaytraceClient, config: PaytraceRefundConfig): PaymentEffect {
  const { transactionId, amount, currency } = config;
  const call = prepareCall(followUpEndpoints.refund, {
    transaction_id: transactionId,
    ...(amount === undefined ? {} : { amount: toPaytraceAmount({ minor: amount, currency }) }),
  });
  const facts = (invoiceId: string): OutcomeFacts => ({
    operation: 'refund',
    amount: amount === undefined ? null : usd(amount),
    invoiceId,
    targetTransactionId: transactionId,
  });
  return {
    item: '',
    operation: 'refund',
    call,
    amountMinor: amount ?? null,
    targetId: transactionId,
    perform: async (invoiceId) =>
      outcomeFromAnswer(await call.send(client, invoiceId), facts(invoiceId)),
    resolve: async (attempt) => {
      const record = await findByInvoice(client, {
        invoiceId: attempt.reference,
        startedAt: attempt.startedAt,
        now: attempt.now,
        type: 'REFUND',
      });
      return record && outcomeFromRecord(record, facts(attempt.reference));
    },
  };
}

/** A partial amount may only become a void when it is the transaction's whole amount. */
async function assertWholeAmount(client: PaytraceClient, config: PaytraceRefundConfig) {
  if (config.amount === undefined) return;
  const record = await exportTransaction(client, config.transactionId);
  if (record !== undefined && parsePaytraceAmount(record.amount) === config.amount) return;
  throw new PermanentError(
    'PAYTRACE_PARTIAL_VOID',
    `Transaction ${config.transactionId} has not settled, so it cannot be refunded; a partial ` +
      'refund cannot become a void (that would cancel the whole amount)',
  );
}

/**
 * What other refund records of this transaction may have refunded (approved, or still unknown),
 * in minor units; a full refund without amount counts as everything captured.
 */
async function alreadyRefunded(ctx: PaymentContext, ownKey: string, target: string, all: number) {
  const related = ctx.effects ? await ctx.effects.related(target) : [];
  let total = 0;
  for (const record of related) {
    // This refund's own record, and its later generations (`#~2`, or `~2` on a fallback key).
    const own = [ownKey, `${ownKey}#`, `${ownKey}~`];
    if (record.key === ownKey || own.slice(1).some((p) => record.key.startsWith(p))) continue;
    if (record.operation !== 'refund' || record.status === 'released') continue;
    if (record.status === 'settled') {
      const outcome = PaymentOutcome.safeParse(record.outcome);
      if (!outcome.success || outcome.data.status !== 'approved') continue;
      total += outcome.data.amount?.minor ?? record.amountMinor ?? all;
    } else {
      total += record.amountMinor ?? all;
    }
  }
  return total;
}

/**
 * Refuses, before anything is sent, a refund above what Shopify refunded for the refund that
 * started the run, or above what was captured minus what was already refunded.
 */
async function assertRefundable(
  ctx: PaymentContext & { config: PaytraceRefundConfig },
  client: PaytraceClient,
  shopify: ShopifyTriggerFacts,
  ownKey: string,
) {
  const { transactionId, amount, currency } = ctx.config;
  const money = (minor: number) => toPaytraceAmount({ minor, currency: 'USD' });
  const record = await exportTransaction(client, transactionId);
  const captured = (record && parsePaytraceAmount(record.amount)) ?? null;
  const refunded =
    captured === null ? 0 : await alreadyRefunded(ctx, ownKey, transactionId, captured);
  const left = captured === null ? null : Math.max(0, captured - refunded);
  const requested = amount ?? left;
  if (shopify.refundId !== null && shopify.refunded !== null && requested !== null) {
    const limit = shopify.refunded;
    if (limit.currency !== currency || requested > limit.minor) {
      throw new PermanentError(
        'REFUND_EXCEEDS_SHOPIFY_REFUND',
        `Shopify refund ${shopify.refundId} refunded ${money(limit.minor)} ${limit.currency}; ` +
          `refusing to refund ${money(requested)} ${currency} in PayTrace`,
        { details: { refundId: shopify.refundId, shopifyRefunded: limit, requested } },
      );
    }
  }
  if (left !== null && captured !== null && (requested ?? 0) > left) {
    throw new PermanentError(
      'REFUND_EXCEEDS_CAPTURED',
      `Transaction ${transactionId} captured ${money(captured)} ${currency} and ` +
        `${money(refunded)} is already refunded; refusing to refund ${money(requested ?? 0)}`,
      { details: { transactionId, captured, refunded, requested } },
    );
  }
  if (left === 0 && amount === undefined && refunded > 0) {
    throw new PermanentError(
      'REFUND_EXCEEDS_CAPTURED',
      `Transaction ${transactionId} is already refunded in full`,
      { details: { transactionId, captured, refunded } },
    );
  }
}

/** What the refund node does with an unsettled transaction. */
function unsettledMode(config: PaytraceRefundConfig): 'fail' | 'void' | 'wait' {
  return config.whenUnsettled ?? (config.voidIfUnsettled ? 'void' : 'fail');
}

/** The state a settlement wait suspends with. */
const WaitState = z.object({ waitingSince: z.string() });

/**
 * "Wait for settlement, then refund": while the transaction is pending settlement, suspend the
 * step (durably: the run waits in Postgres, no worker is held, nothing is sent) and ask again
 * later. Returns the suspension, or undefined once the transaction can be refunded.
 */
async function awaitSettlement(
  ctx: ExecuteContext<PaytraceRefundConfig>,
  client: PaytraceClient,
  refusedUnsettled: boolean,
): Promise<NodeResult | undefined> {
  const { transactionId, settlementCheckSeconds, settlementWaitHours } = ctx.config;
  if (!refusedUnsettled) {
    const record = await exportTransaction(client, transactionId);
    if (record === undefined || recordStatus(record) !== 'pending') return undefined;
  }
  const now = ctx.now();
  const saved = WaitState.safeParse(ctx.resume?.state);
  const since = saved.success ? new Date(saved.data.waitingSince) : now;
  if (now.getTime() - since.getTime() >= settlementWaitHours * 3_600_000) {
    throw new PermanentError(
      'PAYTRACE_SETTLEMENT_TIMEOUT',
      `Transaction ${transactionId} has not settled within ${settlementWaitHours} hours; ` +
        'nothing was refunded. Check its batch in PayTrace, then retry the run.',
      { details: { transactionId, waitingSince: since.toISOString() } },
    );
  }
  ctx.logger.info('transaction not settled yet; waiting for settlement before refunding', {
    transactionId,
  });
  return {
    suspendUntil: new Date(now.getTime() + settlementCheckSeconds * 1000),
    state: { waitingSince: since.toISOString() },
  };
}

/** Builds the refund executor on the runtime's shared PayTrace state. */
export function createRefundExecutor(runtime: PaytraceRuntime): NodeExecutor<PaytraceRefundConfig> {
  return implementNode(paytraceRefundNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const mode = unsettledMode(ctx.config);
    if (mode === 'wait') {
      const waiting = await awaitSettlement(ctx, client, false);
      if (waiting) return waiting;
    }
    const { shopify, business } = await paymentScope(ctx, 'refund');
    const ref = { item: '', business };
    await assertRefundable(ctx, client, shopify, ctx.effects?.keyOf(ref) ?? '');
    try {
      const output = await performPayment(ctx, client, refundEffect(client, ctx.config), business);
      return { port: output.status, output };
    } catch (err) {
      const unsettled = err instanceof PaytraceRefusedError && err.has(817);
      if (unsettled && mode === 'wait') {
        const waiting = await awaitSettlement(ctx, client, true);
        if (waiting) return waiting;
      }
      if (!unsettled || mode !== 'void') throw err;
      await assertWholeAmount(client, ctx.config);
      ctx.logger.info('transaction not settled; voiding it instead of refunding', {
        transactionId: ctx.config.transactionId,
      });
      const effect = voidEffect(client, ctx.config.transactionId, VOID_INSTEAD_ITEM);
      const output = await performPayment(ctx, client, effect, business);
      return { port: output.status, output };
    }
  });
}
