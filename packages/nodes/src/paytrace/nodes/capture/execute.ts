/**
 * The `paytrace.capture` executor.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { followUpEndpoints } from '../../client/endpoints';
import { PaytraceRefusedError } from '../../client/errors';
import { toPaytraceAmount } from '../../client/money';
import type { PaytraceClient } from '../../client/paytrace-client';
import { recordStatus } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import { paymentScope, performPayment, type UnknownAttempt } from '../../payment-effect';
import { exportTransaction } from '../../lookups';
import { outcomeFromAnswer, outcomeFromRecord, usd, type OutcomeFacts } from '../../outcomes';
import { prepareCall, type PreparedCall } from '../../prepared-call';
import type { PaymentOutcome } from '../shared/outputs';
import { clientFor } from '../shared/node-client';
import { paytraceCaptureNode, type PaytraceCaptureConfig } from './definition';

/**
 * What a capture whose answer was lost did. Exports cannot tell a captured, unsettled
 * authorization from an uncaptured one, but PayTrace captures an authorization at most once, so
 * asking again is safe: 112 captures it now, 816 confirms the earlier capture. Asking again
 * with a changed request would settle the new capture under the old attempt, so that case is
 * left to an operator.
 */
async function resolveCapture(
  client: PaytraceClient,
  call: PreparedCall,
  facts: OutcomeFacts,
  attempt: UnknownAttempt,
): Promise<PaymentOutcome | undefined> {
  const transactionId = facts.targetTransactionId ?? '';
  const record = await exportTransaction(client, transactionId);
  if (record === undefined) return undefined;
  const status = recordStatus(record);
  if (status === 'settled') return outcomeFromRecord(record, facts);
  if (status !== 'pending') return undefined;
  if (!attempt.sameRequest) {
    throw new PermanentError(
      'PAYTRACE_OUTCOME_UNRESOLVED',
      `An earlier capture of ${transactionId} with other parameters may have reached PayTrace; ` +
        'check the authorization in PayTrace, then replay with the original parameters',
    );
  }
  try {
    return outcomeFromAnswer(await call.send(client, undefined), facts);
  } catch (err) {
    if (err instanceof PaytraceRefusedError && err.has(816)) {
      return outcomeFromRecord(record, facts);
    }
    throw err;
  }
}

/** Builds the capture executor on the runtime's shared PayTrace state. */
export function createCaptureExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceCaptureConfig> {
  return implementNode(paytraceCaptureNode, async (ctx) => {
    const { transactionId, amount, currency } = ctx.config;
    const client = clientFor(runtime, ctx);
    const call = prepareCall(followUpEndpoints.capture, {
      transaction_id: transactionId,
      ...(amount === undefined ? {} : { amount: toPaytraceAmount({ minor: amount, currency }) }),
    });
    const facts: OutcomeFacts = {
      operation: 'capture',
      amount: amount === undefined ? null : usd(amount),
      invoiceId: null,
      targetTransactionId: transactionId,
    };
    const { business } = await paymentScope(ctx, 'capture');
    const output = await performPayment(
      ctx,
      client,
      {
        item: '',
        operation: 'capture',
        call,
        amountMinor: amount ?? null,
        targetId: transactionId,
        perform: async () => outcomeFromAnswer(await call.send(client, undefined), facts),
        resolve: (attempt) => resolveCapture(client, call, facts, attempt),
      },
      business,
    );
    return { port: output.status, output };
  });
}
