/**
 * What recording a payment on an order produced, as flows see it and as the effect ledger keeps
 * it. Browser-safe (definitions use it as their output schema).
 *
 * @module
 */
import { z } from 'zod';
import { Money } from '../money';
import { ShopifyPaymentState } from '../nodes/shared/outputs';

/** The outcome of a mark-paid or manual payment. */
export const ShopifyPaymentResult = z.object({
  orderId: z.string(),
  legacyId: z.string(),
  orderName: z.string(),
  /** What this step recorded: the outstanding amount, an amount, or nothing. */
  action: z.enum(['marked-paid', 'manual-payment', 'none']),
  /** The order had nothing outstanding when the step looked (success, not an error). */
  alreadyPaid: z.boolean(),
  /** The amount this step recorded, in the shop's currency; `null` when nothing. */
  amount: Money.nullable(),
  /** The order's payment state afterwards. */
  state: ShopifyPaymentState,
});
export type ShopifyPaymentResult = z.infer<typeof ShopifyPaymentResult>;

/** A result with where it came from. */
export const ShopifyPaymentOutput = ShopifyPaymentResult.extend({
  /** `shopify`: answered now; `ledger`: recorded by an earlier execution; `lookup`: found on the order after a lost answer. */
  origin: z.enum(['shopify', 'ledger', 'lookup']),
});
export type ShopifyPaymentOutput = z.infer<typeof ShopifyPaymentOutput>;

/** What recording a refund or voiding an authorization produced. */
export const ReversalResult = z.object({
  kind: z.enum(['refund', 'void']),
  /** Nothing was left to refund (or no authorization to void): already done. */
  alreadyApplied: z.boolean(),
  /** The amount refunded or voided, in the shop's currency, when known. */
  amount: Money.nullable(),
  financialStatus: z.string().nullable(),
});
export type ReversalResult = z.infer<typeof ReversalResult>;
