/**
 * `reconcile.settlement`: a day's (or a range's) PayTrace settlement reconciled against the ERP,
 * Shopify and the bank, set-based in SQL, with one settlement entry per batch posted once.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { connectionIdField } from '../../paytrace/nodes/shared/fields';
import { PAYTRACE_RETRY } from '../../paytrace/nodes/shared/retry';
import { isTimeZone } from '../../time-zones';
import { DiscrepancyKind } from '../discrepancy-kinds';
import { FeeSchedule } from '../fees/fee-schedule';

const optionalDate = (title: string, description: string) =>
  z
    .union([z.iso.date(), z.literal('')])
    .default('')
    .meta({ title, description, placeholder: '2026-03-31' });

/** What one reconciled day came to. */
export const ReconciledDay = z.object({
  date: z.iso.date(),
  batches: z.array(
    z.object({
      batchNumber: z.int(),
      fees: z.int(),
      /** The settlement entry's reference in the ERP; null when the batch moved nothing. */
      journalRef: z.string().nullable(),
      /** False when an earlier run (or a copy of the flow) had posted it already. */
      posted: z.boolean(),
    }),
  ),
  counts: z.partialRecord(DiscrepancyKind, z.int()),
  openItems: z.int(),
  variance: z.int(),
});

/** What the node emits on `out` (and on `exceptions` when anything is left open). */
export const SettlementOutput = z.object({
  reconciliationRunId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  days: z.array(ReconciledDay),
  /** Differences found by this run, by kind. */
  counts: z.partialRecord(DiscrepancyKind, z.int()),
  /** Open items of the reconciled days (new and earlier). */
  openItems: z.int(),
  /**
   * How the Shopify orders of the window were read: in full (days never read completely, or
   * all with "Re-read every Shopify order"), or only those changed since the last complete
   * read; null without a Shopify connection.
   */
  shopify: z
    .object({
      daysReadFully: z.int(),
      ordersReadFully: z.int(),
      daysReadIncrementally: z.int(),
      ordersReadIncrementally: z.int(),
      ordersRereadById: z.int(),
      requests: z.int(),
    })
    .nullable(),
});
export type SettlementOutput = z.infer<typeof SettlementOutput>;

export const reconcileSettlementNode = defineNode({
  type: 'reconcile.settlement',
  version: 1,
  kind: 'action',
  title: 'Settlement reconciliation',
  description:
    "Reconcile a day's PayTrace batches with the ERP, Shopify and the bank; post each batch once.",
  category: 'reconciliation',
  icon: 'scale',
  config: z.object({
    connectionId: connectionIdField,
    date: optionalDate(
      'Day',
      'Empty: the day before the run (or the schedule fire) in the time zone.',
    ),
    dateTo: optionalDate('Until (inclusive)', 'Empty: the day alone.'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'unknown time zone; use an IANA name such as America/New_York')
      .default('UTC')
      .meta({
        title: 'Time zone',
        description: "The merchant's time zone: which calendar day a batch closed on.",
        widget: 'timezone',
      }),
    erpConnectionId: z.string().max(100).default('').meta({
      title: 'ERP connection',
      description:
        'Empty: the built-in ledger. Else a QuickBooks Online connection: its payments, refund receipts and credit memos are matched, each batch posted as a Deposit.',
      widget: 'connection',
    }),
    shopifyConnectionId: z.string().max(100).default('').meta({
      title: 'Shopify connection',
      description:
        'The store whose orders carry the PayTrace transaction id (metafield paytrace.transaction_id). Empty: Shopify is not checked.',
      widget: 'connection',
    }),
    rereadShopifyOrders: z.boolean().default(false).meta({
      title: 'Re-read every Shopify order of the window',
      description:
        'Off: orders already read are read again only when Shopify changed them since. On: every order of the window is read again (slower; after a restore, or when in doubt).',
    }),
    notSettledAfterDays: z.int().min(0).max(60).default(3).meta({
      title: 'Booked but not settled after (days)',
      description:
        'An ERP payment older than this with no settled PayTrace transaction is reported.',
    }),
    feeSchedule: FeeSchedule.optional().meta({
      title: 'Fee schedule',
      description: 'Expected fees per card brand (basis points + fixed). Empty: no fees expected.',
    }),
    processorFees: z.string().max(20_000_000).default('').meta({
      title: "Processor's fee statement (CSV)",
      description:
        'Usually an expression reading a previous node. Its fees are posted and compared with the schedule.',
      widget: 'textarea',
    }),
    bankAccount: z.string().max(100).default('').meta({
      title: 'Bank account',
      description:
        'The account of the imported bank statements holding the deposits. Empty: deposits are not checked.',
    }),
    depositWindowDays: z.int().min(0).max(30).default(3).meta({
      title: 'Deposit window (days)',
      description: 'How many days after the batch closed its deposit may reach the bank.',
    }),
    postSettlement: z.boolean().default(true).meta({
      title: 'Post settlement entries',
      description: 'One balanced journal per batch to the ERP, exactly once.',
    }),
  }),
  output: SettlementOutput,
  ports: { inputs: ['in'], outputs: ['out', 'exceptions'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Reconciles the PayTrace settlement batches closed on a day (or each day of a range) in the
merchant's **time zone**:

1. fetches the batches (\`/v1/batches/export\`) and their transactions
   (\`/v1/batches/transaction_list\`), and stages them in Postgres with the fee each sale should
   cost (the **fee schedule** by card brand; the brand and the processor's real fee come from the
   **processor's fee statement** when given);
2. matches every settled transaction, in SQL, against the ERP's payments and credit memos (by
   the transaction id in the document's reference, then by invoice id and amount; the built-in
   ledger, or with an **ERP connection** to QuickBooks Online its Payments, RefundReceipts and
   CreditMemos of the window, read in bulk), against the
   Shopify orders carrying the transaction id (when a **Shopify connection** is set; orders
   read by an earlier run are read again only when Shopify changed them since, or while they
   carry no transaction id, unless **Re-read every Shopify order of the window** is on), and each
   batch's net deposit against the **bank account**'s imported statement lines within the
   **deposit window**;
3. classifies every difference: not booked, booked but not settled after N days, amount
   mismatch, refund without credit memo, duplicate booking, fee difference, deposit missing or
   short, not in Shopify. Differences go to the exception list (the Reconciliation page); they
   are never posted automatically;
4. posts one balanced settlement entry per batch (card clearing to cash for the net deposit,
   merchant fees expensed; in QuickBooks a Deposit into the bank with the fees as a negative
   line), exactly once per PayTrace connection and batch number across
   retries, replays and copies of the flow.

Leaves on \`exceptions\` when any item of the reconciled days is open, else on \`out\`.
A run asked for on the Reconciliation page (or \`POST /api/reconciliation/runs\`) reconciles
the range it names instead of the configured day.`,
});

/** Config after defaults. */
export type ReconcileSettlementConfig = z.infer<typeof reconcileSettlementNode.config>;
