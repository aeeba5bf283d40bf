/**
 * Answers of the reporting calls. Export records are documented by one reconstructed example and
 * batch summaries not at all (their names here follow the legacy API), so everything but the
 * transaction id and batch number is optional and normalised in `records.ts`.
 *
 * @module
 */
import { z } from 'zod';
import { EnvelopeShape } from './answers';
import { WireAmount, WireText, WireTransactionId } from './scalars';

/** One transaction as exports show it (`*` masks, two-digit years, US-style local times). */
export const WireExportRecord = z.looseObject({
  transaction_id: WireTransactionId,
  transaction_type: WireText,
  amount: WireAmount.nullish(),
  tax_amount: WireAmount.nullish(),
  invoice_id: WireText,
  description: WireText,
  customer_id: WireText,
  customer_reference_id: WireText,
  approval_code: WireText,
  approval_message: WireText,
  avs_response: WireText,
  csc_response: WireText,
  /** Not documented for exports; the simulator sends it. */
  response_code: z.int().optional(),
  /** Not documented for exports; the simulator sends DECLINED, VOID, SETTLED or PENDING. */
  status: WireText,
  credit_card: z.looseObject({ masked_number: WireText }).nullish(),
  created: z.looseObject({ at: WireText }).nullish(),
  settled: z.string().nullish(),
});
/** An export record as read. */
export type WireExportRecord = z.infer<typeof WireExportRecord>;

/** `export/by_id`, `export/by_date_range` and `batches/transaction_list`. */
export const TransactionsAnswer = z.looseObject({
  ...EnvelopeShape,
  transactions: z.array(WireExportRecord).optional(),
});

/** One batch summary; only `number` is evidenced. */
export const WireBatchSummary = z.looseObject({
  number: z.union([z.int(), z.string().regex(/^\d+$/)]).transform(Number),
  created: WireText,
  transaction_count: z.int().optional(),
  net_amount: WireAmount.optional(),
  sales_count: z.int().optional(),
  sales_amount: WireAmount.optional(),
  refund_count: z.int().optional(),
  refund_amount: WireAmount.optional(),
});
/** A batch summary as read. */
export type WireBatchSummary = z.infer<typeof WireBatchSummary>;

/** `batches/export_one` (`batch`) and `batches/export` (`batches`). */
export const BatchesAnswer = z.looseObject({
  ...EnvelopeShape,
  batch: WireBatchSummary.optional(),
  batches: z.array(WireBatchSummary).optional(),
});
