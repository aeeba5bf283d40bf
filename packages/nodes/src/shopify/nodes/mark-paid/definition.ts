import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import { ShopifyPaymentOutput } from '../../payments/payment-result';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
} from '../shared/fields';

/** Marks an order paid (in full, or records an amount), exactly once. */
export const shopifyMarkPaidNode = defineNode({
  type: 'shopify.mark-paid',
  version: 1,
  kind: 'action',
  title: 'Mark order paid',
  description: 'Mark an order paid in full, or record a manual payment of an amount.',
  category: 'shopify',
  icon: 'badge-check',
  config: z
    .object({
      connectionId: connectionIdField,
      orderId: orderIdField,
      businessReference: businessReferenceField,
      mode: z.enum(['full', 'amount']).default('full').meta({
        title: 'Record',
        description: 'full: whatever is outstanding. amount: a manual payment of the amount below.',
        widget: 'select',
      }),
      amount: z.int().min(1).optional().meta({
        title: 'Amount (minor units)',
        description: "For amount: integer minor units in the order's currency (1050 is $10.50).",
        widget: 'number',
      }),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
        .default('USD')
        .meta({ title: 'Currency', description: "The order's (shop) currency." }),
      paymentMethodName: z.string().trim().min(1).max(255).default('PayTrace').meta({
        title: 'Payment method',
        description: 'For amount: the name the manual payment is recorded under.',
      }),
    })
    .superRefine((config, issues) => {
      if (config.mode === 'amount' && config.amount === undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'required to record an amount',
        });
      }
    }),
  output: ShopifyPaymentOutput,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Records a payment the merchant collected outside Shopify (e.g. through PayTrace).

- **full** uses \`orderMarkAsPaid\`: Shopify records a sale for the outstanding balance, or
  captures the open authorization.
- **amount** uses \`orderCreateManualPayment\` for a part payment (on Shopify Plus stores).

The order is read first. An order with nothing outstanding is a **success** with
\`alreadyPaid: true\`; a cancelled one, or an amount above the outstanding balance, goes to the
**error** port. Each step records its payment once: retries and replays find the recorded
outcome (\`origin: "ledger"\`), and a payment whose answer was lost is looked up on the order
(\`origin: "lookup"\`) before anything is sent again; an amount is only sent again once the
connection's unknown-outcome wait has passed without it appearing.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Mark-paid settings after defaults. */
export type ShopifyMarkPaidConfig = z.infer<typeof shopifyMarkPaidNode.config>;
