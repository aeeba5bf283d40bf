/**
 * What a generated day answers: every batch, transaction and deposit it made, and the
 * discrepancies it injected on the processor's side, so a test knows exactly what a correct
 * reconciliation must report. Amounts are integer cents (USD); transaction ids are text, as
 * ledgers and Shopify metafields carry them.
 * @module
 */

/** A closed batch and its money. */
export interface ManifestBatch {
  number: number;
  closedAt: string;
  /** Business date of the close in the day's time zone. */
  closedOn: string;
  count: number;
  gross: number;
  refunds: number;
  net: number;
  fees: number;
  expectedDeposit: number;
  /** What reaches the bank; `null` when the deposit is missing. */
  deposit: number | null;
  depositOn: string;
}

/** One transaction the day made. */
export interface ManifestTransaction {
  transactionId: string;
  type: 'sale' | 'refund' | 'void' | 'decline';
  amount: number;
  currency: 'USD';
  invoiceId: string;
  brand: string;
  batchNumber: number | null;
  /** The order's reference (a refund carries its sale's); `''` for declines. */
  orderRef: string;
  refundOf: string | null;
  createdAt: string;
  /** Processor fee kept (cents); 0 for refunds and anything unsettled. */
  fee: number;
  /** False when the day leaves this order out of Shopify (injected `not_in_shopify`). */
  inShopify: boolean;
}

/** A bank deposit of a batch. */
export interface ManifestDeposit {
  batchNumber: number;
  bookedOn: string;
  amount: number | null;
  expected: number;
  status: 'ok' | 'short' | 'missing';
}

/** A processor-side discrepancy the day injected. */
export interface ManifestDiscrepancy {
  kind: 'deposit_short' | 'deposit_missing' | 'fee_difference' | 'not_in_shopify';
  batchNumber: number;
  transactionId?: string;
  /** Shortfall, missing deposit, extra fee, or the sale amount, in cents. */
  amount: number;
}

/** The answer of `POST /__admin/generate-day`. */
export interface DayManifest {
  date: string;
  timeZone: string;
  batches: ManifestBatch[];
  transactions: ManifestTransaction[];
  deposits: ManifestDeposit[];
  discrepancies: ManifestDiscrepancy[];
}
