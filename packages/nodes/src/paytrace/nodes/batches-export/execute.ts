/**
 * The `paytrace.batches-export` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { reportEndpoints } from '../../client/endpoints';
import { batchRecord } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import { toUsDate } from '../shared/dates';
import { clientFor } from '../shared/node-client';
import { completed } from '../shared/read-answer';
import { accountTimeZone, withIsoTimes } from '../shared/record-times';
import { paytraceBatchesExportNode, type PaytraceBatchesExportConfig } from './definition';

/** Builds the batches export executor on the runtime's shared PayTrace state. */
export function createBatchesExportExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceBatchesExportConfig> {
  return implementNode(paytraceBatchesExportNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { query } = ctx.config;
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
    const zone = accountTimeZone(ctx.connection);
    const summaries = (batches ?? (batch === undefined ? [] : [batch])).map((b) =>
      withIsoTimes(batchRecord(b), zone),
    );
    return { port: 'out', output: { batches: summaries, count: summaries.length } };
  });
}
