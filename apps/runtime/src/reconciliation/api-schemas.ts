/**
 * Response and request shapes of `/api/reconciliation`. The editor's Reconciliation page infers
 * its types from these through the typed client. Money is integer minor units plus currency.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { DiscrepancyKind } from '@paybridge/nodes/reconcile';

const Day = z.iso.date();
const Minor = z.number().int();

/** One day's totals side by side (PayTrace, ERP, Shopify, bank) and what is left open. */
export const ReconciliationDay = z.object({
  connection: z.string(),
  date: Day,
  currency: z.string(),
  paytrace: z.object({ gross: Minor, refunds: Minor, net: Minor, fees: Minor }),
  erp: z.object({ payments: Minor, creditMemos: Minor }),
  /** Null when the day was reconciled without a Shopify connection. */
  shopifyPaid: Minor.nullable(),
  /** Null when no bank statement covers the day's deposits. */
  bankDeposit: Minor.nullable(),
  /** PayTrace net minus the ERP's net for the same transactions; 0 when they agree. */
  variance: Minor,
  openItems: z.number().int(),
  batchCount: z.number().int(),
  runId: z.string().nullable(),
  flowRunId: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReconciliationDay = z.infer<typeof ReconciliationDay>;

export const ReconciliationDayList = z.object({ days: z.array(ReconciliationDay) });

/** A settlement batch: PayTrace's totals, the expected and received deposit, the posting. */
export const ReconciliationBatch = z.object({
  connection: z.string(),
  batchNumber: z.number().int(),
  date: Day,
  closedAt: z.string().nullable(),
  currency: z.string(),
  transactionCount: z.number().int(),
  gross: Minor,
  refunds: Minor,
  net: Minor,
  feesExpected: Minor,
  /** Fees the processor reported (imported), null when none were imported. */
  feesProcessor: Minor.nullable(),
  /** What should reach the bank: net minus fees. */
  expectedDeposit: Minor,
  /** The bank line matched to the batch, null when none (yet). */
  deposit: Minor.nullable(),
  /** The settlement journal entry's reference in the ERP, null until posted. */
  journalRef: z.string().nullable(),
  journalId: z.string().nullable(),
  postedAt: z.string().nullable(),
  openItems: z.number().int(),
});
export type ReconciliationBatch = z.infer<typeof ReconciliationBatch>;

export const ReconciliationDayDetail = z.object({
  day: ReconciliationDay,
  batches: z.array(ReconciliationBatch),
});

export const ItemStatus = z.enum(['open', 'resolved']);

/** One difference, with the runs that found it. */
export const ReconciliationItem = z.object({
  id: z.string(),
  connection: z.string(),
  date: Day,
  batchNumber: z.number().int().nullable(),
  kind: DiscrepancyKind,
  transactionId: z.string().nullable(),
  invoiceId: z.string().nullable(),
  erpRef: z.string().nullable(),
  /** PayTrace's side (or the expected deposit / fee). */
  expected: Minor.nullable(),
  /** The ERP's, bank's or processor's side. */
  actual: Minor.nullable(),
  currency: z.string(),
  detail: z.string(),
  status: ItemStatus,
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** The ERP document booked for it by "create the missing document". */
  documentRef: z.string().nullable(),
  /**
   * The reconciliation run that found it: the first, or the last to find it with other amounts
   * or details (a run finding it unchanged leaves it as it was).
   */
  runId: z.string().nullable(),
  /** The flow run of `runId` (`/runs/<id>` in the editor), null for runs without a flow. */
  flowRunId: z.string().nullable(),
  createdAt: z.string(),
});
export type ReconciliationItem = z.infer<typeof ReconciliationItem>;

export const ReconciliationItemList = z.object({
  items: z.array(ReconciliationItem),
  /** Counts of the filtered day/batch by kind (before paging). */
  counts: z.record(z.string(), z.number().int()),
  nextCursor: z.string().nullable(),
});

export const ItemFilters = z.object({
  date: Day.optional(),
  from: Day.optional(),
  to: Day.optional(),
  batch: z.coerce.number().int().positive().optional(),
  kind: DiscrepancyKind.optional(),
  status: ItemStatus.optional(),
  connection: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const ResolveItem = z.object({ note: z.string().trim().min(1).max(2000) });

/** What "create the missing document" booked. */
export const CreatedDocument = z.object({
  item: ReconciliationItem,
  document: z.object({
    type: z.enum(['payment', 'credit-memo']),
    externalRef: z.string(),
    id: z.string(),
    /** False when an earlier request (or another path) had booked it already. */
    created: z.boolean(),
  }),
});

export const StartRun = z.object({
  /** The flow holding the `reconcile.settlement` node (e.g. the installed template). */
  flowId: z.string().uuid(),
  from: Day,
  to: Day,
});

export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);

/** A reconciliation run and how far it got (a progress bar: done of total days and batches). */
export const ReconciliationRun = z.object({
  id: z.string(),
  connection: z.string(),
  flowId: z.string().nullable(),
  flowRunId: z.string().nullable(),
  from: Day,
  to: Day,
  status: RunStatus,
  done: z.number().int(),
  total: z.number().int(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReconciliationRun = z.infer<typeof ReconciliationRun>;

export const StartedRun = z.object({
  reconciliationRunId: z.string(),
  flowRunId: z.string(),
  status: RunStatus,
});

export const DaysQuery = z.object({
  from: Day,
  to: Day,
  connection: z.string().max(200).optional(),
});

export const DateParam = z.object({ date: Day });
export const DayQuery = z.object({ connection: z.string().max(200).optional() });
