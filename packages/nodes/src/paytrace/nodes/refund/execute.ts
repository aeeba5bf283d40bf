/**
 * The `paytrace.refund` executor, with the optional void of an unsettled transaction.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { followUpEndpoints } from '../../client/endpoints';
import { PaytraceRefusedError } from '../../client/errors';
import { parsePaytraceAmount, toPaytraceAmount } from '../../client/money';
import type { PaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import { performExactlyOnce, type PaymentEffect } from '../../exactly-once';
import { exportTransaction, findByInvoice } from '../../lookups';
import { outcomeFromAnswer, outcomeFromRecord, usd, type OutcomeFacts } from '../../outcomes';
import { fingerprintOf, prepareCall } from '../../prepared-call';
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
    fingerprint: fingerprintOf(call, client),
    targetId: transactionId,
    perform: async (invoiceId) =>
      outcomeFromAnswer(await call.send(client, invoiceId), facts(invoiceId)),
    resolve: async (attempt) => {
      const record = await findByInvoice(client, { ...attempt, type: 'REFUND' });
      return record && outcomeFromRecord(record, facts(attempt.invoiceId));
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

/** Builds the refund executor on the runtime's shared PayTrace state. */
export function createRefundExecutor(runtime: PaytraceRuntime): NodeExecutor<PaytraceRefundConfig> {
  return implementNode(paytraceRefundNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const wait = client.settings.unknownOutcomeWaitMs;
    try {
      const output = await performExactlyOnce(ctx, refundEffect(client, ctx.config), wait);
      return { port: output.status, output };
    } catch (err) {
      const unsettled = err instanceof PaytraceRefusedError && err.has(817);
      if (!unsettled || !ctx.config.voidIfUnsettled) throw err;
      await assertWholeAmount(client, ctx.config);
      ctx.logger.info('transaction not settled; voiding it instead of refunding', {
        transactionId: ctx.config.transactionId,
      });
      const effect = voidEffect(client, ctx.config.transactionId, VOID_INSTEAD_ITEM);
      const output = await performExactlyOnce(ctx, effect, wait);
      return { port: output.status, output };
    }
  });
}
