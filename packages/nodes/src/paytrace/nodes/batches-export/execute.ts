/**
 * The `paytrace.batches-export` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { reportEndpoints } from '../../client/endpoints';
import { batchRecord } from '../../client/records';
import type { PaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import type { BatchRecord } from '../shared/outputs';
import { toUsDate } from '../shared/dates';
import { clientFor } from '../shared/node-client';
import { completed } from '../shared/read-answer';
import { accountTimeZone, withIsoTimes } from '../shared/record-times';
import { paytraceBatchesExportNode, type PaytraceBatchesExportConfig } from './definition';

/**
 * Reads batch summaries: one batch (empty number: the pending one) or those closed in a date
 * range, times in ISO 8601 in the account's zone. Shared with the settlement reconciliation.
 */
export async function readBatches(
  client: PaytraceClient,
  query: PaytraceBatchesExportConfig['query'],
  zone: string,
): Promise<BatchRecord[]> {
  const answer =
    query.by === 'one'
      ? await client.call(
          reportEndpoints.batchOne,
          query.batchNumber === undefined ? {} : { batch_number: query.batchNumber },
        )
      : await client.call(reportEndpoints.batches, {
          start_date: toUsDate(query.startDate),
          end_date: toUsDate(query.endDate),
        });
  const { batch, batches } = completed(answer);
  return (batches ?? (batch === undefined ? [] : [batch])).map((b) =>
    withIsoTimes(batchRecord(b), zone),
  );
}

/** Builds the batches export executor on the runtime's shared PayTrace state. */
export function createBatchesExportExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceBatchesExportConfig> {
  return implementNode(paytraceBatchesExportNode, async (ctx) => {
    const summaries = await readBatches(
      clientFor(runtime, ctx),
      ctx.config.query,
      accountTimeZone(ctx.connection),
    );
    return { port: 'out', output: { batches: summaries, count: summaries.length } };
  });
}
