/**
 * The `paytrace.batch-transactions` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { reportEndpoints } from '../../client/endpoints';
import { transactionRecord } from '../../client/records';
import type { PaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import type { WireExportRecord } from '../../client/wire/export-answers';
import type { TransactionRecord } from '../shared/outputs';
import { clientFor } from '../shared/node-client';
import { completed } from '../shared/read-answer';
import { accountTimeZone, withIsoTimes } from '../shared/record-times';
import { paytraceBatchTransactionsNode, type PaytraceBatchTransactionsConfig } from './definition';

/**
 * Reads the transactions of one batch (wire records with their times in ISO 8601 in the
 * account's zone). The wire record is kept beside the normalised one for fields only some
 * exports carry. Shared with the settlement reconciliation.
 */
export async function readBatchTransactions(
  client: PaytraceClient,
  batchNumber: number,
  zone: string,
): Promise<{ record: TransactionRecord; wire: WireExportRecord }[]> {
  const answer = await client.call(reportEndpoints.batchTransactions, {
    batch_number: batchNumber,
  });
  return (completed(answer).transactions ?? []).map((t) => ({
    record: withIsoTimes(transactionRecord(t), zone),
    wire: t,
  }));
}

/** Builds the batch transactions executor on the runtime's shared PayTrace state. */
export function createBatchTransactionsExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceBatchTransactionsConfig> {
  return implementNode(paytraceBatchTransactionsNode, async (ctx) => {
    const { batchNumber } = ctx.config;
    const read = await readBatchTransactions(
      clientFor(runtime, ctx),
      batchNumber,
      accountTimeZone(ctx.connection),
    );
    const transactions = read.map((t) => t.record);
    return { port: 'out', output: { batchNumber, transactions, count: transactions.length } };
  });
}
