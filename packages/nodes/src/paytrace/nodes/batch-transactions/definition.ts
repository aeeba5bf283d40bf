/**
 * `paytrace.batch-transactions`: the transactions settled in one batch.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { connectionIdField } from '../shared/fields';
import { TransactionRecord } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** What the node emits. */
export const BatchTransactionsOutput = z.object({
  batchNumber: z.int(),
  transactions: z.array(TransactionRecord),
  count: z.int(),
});

/** Reads the transactions of a settlement batch, for reconciliation. */
export const paytraceBatchTransactionsNode = defineNode({
  type: 'paytrace.batch-transactions',
  version: 1,
  kind: 'action',
  title: 'PayTrace batch transactions',
  description: 'Read the transactions settled in one batch.',
  category: 'paytrace',
  icon: 'list-checks',
  config: z.object({
    connectionId: connectionIdField,
    batchNumber: z.int().min(1).meta({ title: 'Batch number' }),
  }),
  output: BatchTransactionsOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Reads every transaction settled in batch **Batch number** (sales, captures and refunds),
in the same shape as **PayTrace transactions** (times in ISO 8601 with the offset of the
connection's account time zone): the input for reconciling a settlement against the
ledger. An unknown batch number fails on \`error\`.`,
});

/** Batch transactions config after defaults. */
export type PaytraceBatchTransactionsConfig = z.infer<typeof paytraceBatchTransactionsNode.config>;
