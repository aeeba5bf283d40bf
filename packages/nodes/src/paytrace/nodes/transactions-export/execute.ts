/**
 * The `paytrace.transactions-export` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { reportEndpoints } from '../../client/endpoints';
import { transactionRecord } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import type { WireExportRecord } from '../../client/wire/export-answers';
import { exportTransaction } from '../../lookups';
import { toUsDate } from '../shared/dates';
import { clientFor } from '../shared/node-client';
import { completed } from '../shared/read-answer';
import { accountTimeZone, withIsoTimes } from '../shared/record-times';
import {
  paytraceTransactionsExportNode,
  type PaytraceTransactionsExportConfig,
} from './definition';

/** Builds the transactions export executor on the runtime's shared PayTrace state. */
export function createTransactionsExportExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceTransactionsExportConfig> {
  return implementNode(paytraceTransactionsExportNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { query } = ctx.config;
    let records: WireExportRecord[];
    if (query.by === 'id') {
      const record = await exportTransaction(client, query.transactionId);
      records = record === undefined ? [] : [record];
    } else {
      const answer = await client.call(reportEndpoints.transactionsByDateRange, {
        start_date: toUsDate(query.startDate),
        end_date: toUsDate(query.endDate),
        ...(query.transactionType === undefined ? {} : { transaction_type: query.transactionType }),
        ...(query.customerId === undefined ? {} : { customer_id: query.customerId }),
        ...(query.includingText === undefined ? {} : { including_text: query.includingText }),
      });
      records = completed(answer).transactions ?? [];
    }
    const zone = accountTimeZone(ctx.connection);
    const transactions = records.map((r) => withIsoTimes(transactionRecord(r), zone));
    return { port: 'out', output: { transactions, count: transactions.length } };
  });
}
