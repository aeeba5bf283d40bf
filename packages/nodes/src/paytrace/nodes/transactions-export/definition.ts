/**
 * `paytrace.transactions-export`: read transactions, by id or by date range.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { EXPORT_TRANSACTION_TYPES } from '../../client/wire/export-requests';
import { checkDateRange, isoDateField } from '../shared/dates';
import { connectionIdField, transactionIdField } from '../shared/fields';
import { TransactionRecord } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Which transactions to read. */
export const TransactionsQuery = z.discriminatedUnion('by', [
  z
    .object({ by: z.literal('id').meta({ title: 'By id' }), transactionId: transactionIdField })
    .meta({ title: 'One transaction' }),
  z
    .object({
      by: z.literal('dateRange').meta({ title: 'By date range' }),
      startDate: isoDateField('From'),
      endDate: isoDateField('To (inclusive)'),
      transactionType: z
        .enum(EXPORT_TRANSACTION_TYPES)
        .optional()
        .meta({ title: 'Type or state', widget: 'select' }),
      customerId: z.string().min(1).max(50).optional().meta({ title: 'Vault customer id' }),
      includingText: z.string().min(1).max(100).optional().meta({ title: 'Containing text' }),
    })
    .superRefine(checkDateRange)
    .meta({ title: 'Date range' }),
]);

/** What the node emits. */
export const TransactionsExportOutput = z.object({
  transactions: z.array(TransactionRecord),
  count: z.int(),
});

/** Reads transactions from PayTrace's export. */
export const paytraceTransactionsExportNode = defineNode({
  type: 'paytrace.transactions-export',
  version: 1,
  kind: 'action',
  title: 'PayTrace transactions',
  description: 'Read transactions by id or by date range.',
  category: 'paytrace',
  icon: 'list',
  config: z.object({
    connectionId: connectionIdField,
    query: TransactionsQuery.meta({ title: 'Transactions' }),
  }),
  output: TransactionsExportOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Reads transactions from PayTrace's export: one by **transaction id** (an id PayTrace does not
know gives an empty list), or all created in a **date range** (dates are the account's local
dates, both ends included), optionally filtered by type or state (\`SALE\`, \`REFUND\`,
\`SETTLED\`, \`DECLINED\`, …), vault customer id, or text PayTrace finds in the record.

Each transaction carries its id, type, status (\`approved\`, \`declined\`, \`voided\`, \`pending\`,
\`settled\`), amount in minor units, invoice id, approval and AVS/CSC results, the card's last
four digits, and \`createdAt\`/\`settledAt\` in ISO 8601 with the offset of the connection's
account time zone (\`2025-04-10T16:06:30-07:00\`; PayTrace itself writes zone-less local times).`,
});

/** Transactions export config after defaults. */
export type PaytraceTransactionsExportConfig = z.infer<
  typeof paytraceTransactionsExportNode.config
>;
