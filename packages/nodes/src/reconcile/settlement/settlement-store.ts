/**
 * What the `reconcile.settlement` node asks of the runtime: staging what it fetched, matching in
 * SQL, recording progress and postings. The runtime implements it over Postgres
 * (`apps/runtime/src/reconciliation`) and hands it to the node through `NodeRuntimeOptions`, as it
 * hands the built-in ledger to the ERP nodes. Server-only types.
 *
 * @module
 */
import type { DiscrepancyKind } from '../discrepancy-kinds';

/** A settlement batch as fetched from PayTrace (minor units). */
export interface StagedBatch {
  batchNumber: number;
  /** The merchant's calendar day the batch closed on. */
  businessDate: string;
  closedAt: string | null;
  currency: string;
  transactionCount: number;
  gross: number;
  refunds: number;
  net: number;
}

/** A settled transaction (sale or refund, positive amount) with its expected fee. */
export interface StagedTransaction {
  transactionId: string;
  batchNumber: number;
  businessDate: string;
  kind: 'sale' | 'refund';
  amount: number;
  currency: string;
  invoiceId: string;
  brand: string;
  feeExpected: number;
  /** The processor's fee when imported from its statement, else null. */
  feeProcessor: number | null;
  settledAt: string | null;
}

/** A Shopify order with the PayTrace transaction id it carries (metafield or reference). */
export interface StagedShopifyOrder {
  orderId: string;
  name: string;
  transactionId: string | null;
  amount: number;
  currency: string;
  /** `processedAt`: the day the order counts for. */
  createdAt: string;
  /** Shopify's `updatedAt`: a staged copy is never replaced by an older one. */
  updatedAt?: string | null;
}

/** A UTC day of `processed_at` whose orders were read completely, and when that read began. */
export interface ShopifyDayCoverage {
  day: string;
  readAt: string;
}

/**
 * An ERP document fetched from a remote ERP (QuickBooks) for the window, staged beside the
 * built-in ledger's tables so one SQL matching serves both. Minor units.
 */
export interface StagedErpDocument {
  kind: 'sale' | 'refund';
  externalRef: string;
  amount: number;
  /** `YYYY-MM-DD`. */
  date: string;
  invoiceRef: string | null;
}

/** How far back ERP documents are read for a day (days before the not-settled cut-off). */
export const ERP_LOOKBACK_DAYS = 35;
/** How far after the day ERP documents are read (a payment booked late by hand). */
export const ERP_LOOKAHEAD_DAYS = 7;

/** How one day is matched. */
export interface MatchOptions {
  runId: string;
  flowRunId: string | null;
  /** The PayTrace connection id the staged rows belong to. */
  connection: string;
  day: string;
  /** ERP documents unmatched this many days after their date are `not_settled`. */
  notSettledAfterDays: number;
  /** The bank account whose statement lines hold the deposits; null skips the deposit match. */
  bankAccount: string | null;
  depositWindowDays: number;
  /**
   * The Shopify connection whose staged orders the day's sales are checked against; null when
   * none was read (then `not_in_shopify` is not checked). Only that store's orders count: an
   * order of another store carrying the same transaction id says nothing about this one.
   */
  shopifyConnection: string | null;
  /** Whether the processor's fees were imported (else `fee_difference` is not checked). */
  processorFees: boolean;
  /** Which ERP: `built-in` (the ledger's tables, read in SQL) or a remote one (`documents`). */
  erp: string;
  /**
   * A remote ERP's documents of the day's window (see {@link erpWindow}); absent or null for the
   * built-in ledger.
   */
  documents?: StagedErpDocument[] | null;
}

/** What matching one day found. */
export interface DayResult {
  day: string;
  batches: { batchNumber: number; fees: number }[];
  counts: Partial<Record<DiscrepancyKind, number>>;
  /** Open items of the day after this run (new and earlier). */
  openItems: number;
  variance: number;
}

/** The runtime's reconciliation storage. */
export interface SettlementStore {
  /** Opens (or joins, for an on-demand run created by the API) a run; answers its id. */
  beginRun(input: {
    runId: string | null;
    connection: string;
    from: string;
    to: string;
    total: number;
    flowRunId: string | null;
  }): Promise<string>;
  progress(runId: string, done: number, total: number): Promise<void>;
  finishRun(runId: string, outcome: { error: string | null; summary: unknown }): Promise<void>;
  /** Replaces what was staged for these batches (a re-fetch of the day). */
  stageBatches(
    connection: string,
    runId: string,
    batches: StagedBatch[],
    transactions: StagedTransaction[],
  ): Promise<void>;
  /**
   * Stages a store's orders (a copy with an older `updatedAt` never replaces a newer one) and,
   * in the same transaction, records `covered.days` as read completely from `covered.shop` as
   * of `covered.readAt` (a later watermark already recorded for that shop is kept).
   */
  stageShopifyOrders(
    connection: string,
    orders: StagedShopifyOrder[],
    covered?: { shop: string; days: string[]; readAt: string },
  ): Promise<void>;
  /**
   * The days of `[from, to]` whose orders were read completely through the connection from
   * `shop` (the store's domain and API address; a connection moved to another store, e.g. from
   * the simulator to the live store, starts over), and when.
   */
  shopifyCoverage(
    connection: string,
    shop: string,
    from: string,
    to: string,
  ): Promise<ShopifyDayCoverage[]>;
  /**
   * Ids of the store's staged orders processed in `[fromIso, toIso)` that carry no PayTrace
   * transaction id: read again by id, as setting a metafield may not change `updatedAt`.
   */
  shopifyOrdersWithoutTransaction(
    connection: string,
    fromIso: string,
    toIso: string,
  ): Promise<string[]>;
  /** Matches one day in SQL, writes its items and totals. */
  matchDay(options: MatchOptions): Promise<DayResult>;
  /**
   * The values of another connection the node names besides its own (the Shopify store), with
   * secrets; null when there is none. Handed to that service only, never returned or logged.
   */
  connection(id: string): Promise<{ type: string; values: Record<string, unknown> } | null>;
  /** Records a batch's settlement entry. */
  markPosted(
    connection: string,
    batchNumber: number,
    journalRef: string,
    journalId: string,
  ): Promise<void>;
}

/** The dates whose ERP documents a day's matching reads (both ERPs, the same window). */
export function erpWindow(day: string, notSettledAfterDays: number): { from: string; to: string } {
  const at = (days: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { from: at(-(notSettledAfterDays + ERP_LOOKBACK_DAYS)), to: at(ERP_LOOKAHEAD_DAYS) };
}
