/**
 * The `paytrace.batch-transactions` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { reportEndpoints } from '../../client/endpoints';
import { transactionRecord } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import { clientFor } from '../shared/node-client';
import { completed } from '../shared/read-answer';
import { accountTimeZone, withIsoTimes } from '../shared/record-times';
import { paytraceBatchTransactionsNode, type PaytraceBatchTransactionsConfig } from './definition';

/** Builds the batch transactions executor on the runtime's shared PayTrace state. */
export function createBatchTransactionsExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceBatchTransactionsConfig> {
  return implementNode(paytraceBatchTransactionsNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { batchNumber } = ctx.config;
    const answer = await client.call(reportEndpoints.batchTransactions, {
      batch_number: batchNumber,
    });
    const zone = accountTimeZone(ctx.connection);
    const transactions = (completed(answer).transactions ?? []).map((t) =>
      withIsoTimes(transactionRecord(t), zone),
    );
    return { port: 'out', output: { batchNumber, transactions, count: transactions.length } };
  });
}
