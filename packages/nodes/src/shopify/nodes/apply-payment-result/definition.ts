import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import { DEFAULT_PAYMENT_TAGS, PaytraceResult } from '../../payment-status';
import { ReversalResult, ShopifyPaymentOutput } from '../../payments/payment-result';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
  tagField,
} from '../shared/fields';

/** What apply-payment-result emits. */
export const ShopifyPaymentStatusResult = z.object({
  orderId: z.string(),
  legacyId: z.string(),
  orderName: z.string(),
  outcome: z.enum(['approved', 'authorized', 'declined', 'voided', 'refunded']),
  /** The financial status the order should show now (`UNCHANGED`: it stays as it was). */
  expectedStatus: z.enum([
    'PAID',
    'PARTIALLY_PAID',
    'VOIDED',
    'REFUNDED',
    'PARTIALLY_REFUNDED',
    'UNCHANGED',
  ]),
  /** The actions applied, in order (`mark-paid`, `add-tags`, `append-note`, …). */
  actions: z.array(z.string()),
  /** The payment recorded by this step, if any. */
  payment: ShopifyPaymentOutput.nullable(),
  /** The refund or void recorded by this step, if any. */
  reversal: ReversalResult.extend({ origin: z.enum(['shopify', 'ledger', 'lookup']) }).nullable(),
  /** The order's financial status as Shopify shows it after the step. */
  financialStatus: z.string().nullable(),
});
export type ShopifyPaymentStatusResult = z.infer<typeof ShopifyPaymentStatusResult>;

/** Applies a PayTrace payment outcome to the Shopify order it paid for. */
export const shopifyApplyPaymentResultNode = defineNode({
  type: 'shopify.apply-payment-result',
  version: 1,
  kind: 'action',
  title: 'Apply payment result',
  description:
    'Bring a Shopify order in line with a PayTrace outcome (paid, declined, voided, refunded).',
  category: 'shopify',
  icon: 'arrow-right-left',
  config: z.object({
    connectionId: connectionIdField,
    orderId: orderIdField,
    businessReference: businessReferenceField,
    result: PaytraceResult.meta({
      title: 'PayTrace result',
      description: 'The output of a PayTrace payment node, e.g. `=$node("charge")`.',
      widget: 'json',
    }),
    paymentMethodName: z.string().trim().min(1).max(255).default('PayTrace').meta({
      title: 'Payment method',
      description: 'The manual payment method PayTrace payments are recorded under.',
    }),
    declinedTag: tagField
      .default(DEFAULT_PAYMENT_TAGS.declined)
      .meta({ title: 'Tag for declines' }),
    authorizedTag: tagField
      .default(DEFAULT_PAYMENT_TAGS.authorized)
      .meta({ title: 'Tag for authorizations' }),
    voidedTag: tagField.default(DEFAULT_PAYMENT_TAGS.voided).meta({ title: 'Tag for voids' }),
  }),
  output: ShopifyPaymentStatusResult,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Reads the order and applies what the PayTrace outcome means for it:

| PayTrace | Shopify |
| --- | --- |
| approved sale or capture | marked paid (the whole outstanding amount), or a manual payment of a smaller amount; \`paytrace.transaction_id\` and \`paytrace.approval_code\` metafields; the decline tag removed |
| approved authorization | stays pending, tagged \`paytrace-authorized\` (Shopify has no API to record an outside authorization) |
| declined | stays pending, tagged \`paytrace-declined\`, PayTrace's reason in the note |
| approved void | Shopify's open authorization voided (VOIDED); a payment already recorded is reversed as a refund; tagged \`paytrace-voided\` |
| approved refund | a refund against the recorded payment: REFUNDED or PARTIALLY_REFUNDED |

Every outcome also appends one note line (skipped when already there). Running the step again
changes nothing more: payments and refunds are recorded once (the effect ledger, with a lookup
on the order when an answer was lost), tags and lines are not repeated. An outcome that does not
fit the order (more approved than outstanding, another currency, a cancelled order, a refund
with nothing paid) goes to the **error** port with the reason, before anything is written.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Apply-payment-result settings after defaults. */
export type ShopifyApplyPaymentResultConfig = z.infer<typeof shopifyApplyPaymentResultNode.config>;
