/**
 * `paytrace.batches-export`: read settlement batch summaries.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { checkDateRange, isoDateField } from '../shared/dates';
import { connectionIdField } from '../shared/fields';
import { BatchRecord } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Which batches to read. */
export const BatchesQuery = z.discriminatedUnion('by', [
  z
    .object({
      by: z.literal('one').meta({ title: 'One batch' }),
      batchNumber: z
        .int()
        .min(1)
        .optional()
        .meta({ title: 'Batch number', description: 'Empty: the batch pending now.' }),
    })
    .meta({ title: 'One batch' }),
  z
    .object({
      by: z.literal('dateRange').meta({ title: 'By date range' }),
      startDate: isoDateField('From'),
      endDate: isoDateField('To (inclusive)'),
    })
    .superRefine(checkDateRange)
    .meta({ title: 'Date range' }),
]);

/** What the node emits. */
export const BatchesExportOutput = z.object({ batches: z.array(BatchRecord), count: z.int() });

/** Reads batch summaries from PayTrace. */
export const paytraceBatchesExportNode = defineNode({
  type: 'paytrace.batches-export',
  version: 1,
  kind: 'action',
  title: 'PayTrace batches',
  description: 'Read settlement batch summaries: one batch, or those closed in a date range.',
  category: 'paytrace',
  icon: 'layers',
  config: z.object({
    connectionId: connectionIdField,
    query: BatchesQuery.meta({ title: 'Batches' }),
  }),
  output: BatchesExportOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Reads settlement batch summaries: one batch by number (empty: the batch pending now, with
\`createdAt\` null), or every batch closed in a **date range** (account-local dates, inclusive).

Each summary carries the batch number, its closing time (ISO 8601 with the offset of the
connection's **account time zone**, e.g. \`2025-06-30T23:00:02-05:00\`), transaction count, and
sales, refund and net totals in minor units. PayTrace does not document these fields; any it does not send are
null. Use **PayTrace batch transactions** for the transactions of a batch.`,
});

/** Batches export config after defaults. */
export type PaytraceBatchesExportConfig = z.infer<typeof paytraceBatchesExportNode.config>;
