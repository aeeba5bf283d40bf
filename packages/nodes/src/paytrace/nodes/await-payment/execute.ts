/**
 * The `paytrace.await-payment` executor: charge what the pay page submitted, or wait for it.
 *
 * @module
 */
import {
  PermanentError,
  type ExecuteContext,
  type NodeExecutor,
  type NodeResult,
} from '@paybridge/engine';
import { businessReference } from '../../../effects/business-reference';
import { implementNode } from '../../../define-node';
import { PaytraceRefusedError } from '../../client/errors';
import type { PaytraceRuntime } from '../../client/runtime';
import { chargeConfig } from '../shared/charge-config';
import { performCharge } from '../shared/charge-executor';
import type { PaymentOutput } from '../shared/outputs';
import { payPageMissing } from '../pay-link/execute';
import type { OpenSubmission, PayLinkRecord, PayLinks } from '../pay-link/pay-links';
import { createVaultUpsertExecutor } from '../vault-upsert/execute';
import { paytraceVaultUpsertNode } from '../vault-upsert/definition';
import {
  paytraceAwaitPaymentNode,
  type AwaitPaymentOutput,
  type PaytraceAwaitPaymentConfig,
} from './definition';

type Ctx = ExecuteContext<PaytraceAwaitPaymentConfig>;

const saleConfig = chargeConfig(1);

/** The order's sale reference: the one the sale node records for the same Shopify order. */
function saleReference(link: PayLinkRecord): string | null {
  return businessReference({
    connector: 'paytrace',
    connectionId: link.connectionId,
    operation: 'sale',
    shopify: { orderId: link.orderRef, refundId: null, refunded: null },
  });
}

async function readLink(links: PayLinks, ctx: Ctx): Promise<PayLinkRecord> {
  const link = await links.link(ctx.config.linkId);
  if (!link || link.runId !== ctx.runId) {
    throw new PermanentError(
      'PAY_LINK_NOT_FOUND',
      `Pay link ${ctx.config.linkId} was not issued by this run: wire "Pay link id" to =$node("<pay link node>").linkId`,
    );
  }
  if (link.connectionId !== ctx.config.connectionId) {
    throw new PermanentError(
      'PAY_LINK_CONNECTION_MISMATCH',
      'The pay link was issued for another PayTrace connection than this step charges through',
    );
  }
  return link;
}

/** Charges a submission exactly once; an approved one (tokens gone) comes back from the ledger. */
function charge(
  ctx: Ctx,
  runtime: PaytraceRuntime,
  link: PayLinkRecord,
  submission: OpenSubmission,
): Promise<PaymentOutput> {
  const tokens =
    submission.status === 'pending'
      ? { hpfToken: submission.hpfToken, encKey: submission.encKey }
      : // Only a recorded outcome can answer now; a send would fail PayTrace's validation.
        { hpfToken: 'used', encKey: 'used' };
  const config = saleConfig.parse({
    connectionId: link.connectionId,
    source: { kind: 'protect', ...tokens },
    amount: link.amountMinor,
    currency: link.currency,
    ...(ctx.config.description === undefined ? {} : { description: ctx.config.description }),
    ...(ctx.config.email === undefined ? {} : { email: ctx.config.email }),
  });
  return performCharge(
    { ...ctx, config },
    runtime,
    'sale',
    config,
    saleReference(link),
    `pay-submission:${submission.id}`,
  );
}

/**
 * A try PayTrace refused outright (an invalid, used or expired token; a field PayTrace rejects):
 * nothing was charged and the shopper may try again. Anything else (a conflict with a sale
 * already recorded for the order, a config PayTrace cannot take) ends the wait on `error`.
 */
function isRefusal(err: unknown): err is PaytraceRefusedError {
  return err instanceof PaytraceRefusedError;
}

/** Saves the card of the sale as a vault profile; a refusal is reported, not thrown. */
async function saveCard(
  ctx: Ctx,
  runtime: PaytraceRuntime,
  transactionId: string,
): Promise<{ customerVaultId: string | null; vaultError: string | null }> {
  const customerId = ctx.config.vaultCustomerId;
  if (customerId === undefined) return { customerVaultId: null, vaultError: null };
  const config = paytraceVaultUpsertNode.config.parse({
    connectionId: ctx.config.connectionId,
    customerId,
    source: { kind: 'transaction', transactionId },
    ...(ctx.config.email === undefined ? {} : { email: ctx.config.email }),
  });
  try {
    const result = await createVaultUpsertExecutor(runtime).execute({ ...ctx, config });
    const output = 'output' in result ? (result.output as { customerId: string }) : null;
    return { customerVaultId: output?.customerId ?? null, vaultError: null };
  } catch (err) {
    if (!(err instanceof PermanentError)) throw err;
    // The money moved: the approval stands, the missing profile is reported for follow-up.
    ctx.logger.warn('vault profile not saved after an approved pay page sale', { code: err.code });
    return { customerVaultId: null, vaultError: err.message };
  }
}

/**
 * Builds the executor. Each (re-)entry acts on what the page recorded: the approved submission
 * (an earlier execution stopped before its step was recorded) or the oldest pending one; a
 * decline is recorded for the page and the step suspends again until the link expires.
 */
export function createAwaitPaymentExecutor(
  runtime: PaytraceRuntime,
  links: PayLinks | undefined,
): NodeExecutor<PaytraceAwaitPaymentConfig> {
  return implementNode(paytraceAwaitPaymentNode, async (ctx): Promise<NodeResult> => {
    if (!links) throw payPageMissing();
    const link = await readLink(links, ctx);
    for (let round = 0; round < 4; round++) {
      const submission = await links.openSubmission(link.id);
      if (!submission) break;
      let outcome: PaymentOutput;
      try {
        outcome = await charge(ctx, runtime, link, submission);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        // PayTrace refused the try (a stale or forged token): nothing was charged, keep waiting.
        await links.settle(submission.id, { status: 'declined', reason: err.message });
        continue;
      }
      if (outcome.status === 'declined') {
        await links.settle(submission.id, { status: 'declined', reason: outcome.reason });
        continue;
      }
      await links.settle(submission.id, {
        status: 'approved',
        transactionId: outcome.transactionId,
        cardLastFour: outcome.cardLastFour,
      });
      const vault = await saveCard(ctx, runtime, outcome.transactionId);
      const output: AwaitPaymentOutput = {
        status: 'approved',
        linkId: link.id,
        orderRef: link.orderRef,
        transactionId: outcome.transactionId,
        amount: { minor: link.amountMinor, currency: link.currency },
        approvalCode: outcome.approvalCode,
        cardLastFour: outcome.cardLastFour,
        ...vault,
      };
      return { port: 'approved', output };
    }
    if (ctx.now().getTime() >= link.expiresAt.getTime()) {
      await links.expire(link.id);
      const output: AwaitPaymentOutput = {
        status: 'expired',
        linkId: link.id,
        orderRef: link.orderRef,
        expiresAt: link.expiresAt.toISOString(),
      };
      return { port: 'expired', output };
    }
    return {
      suspendUntil: link.expiresAt,
      state: { linkId: link.id, until: link.expiresAt.toISOString() },
    };
  });
}
