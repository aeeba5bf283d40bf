/**
 * `paytrace.pay-link`: a signed, expiring link to Paybridge's hosted pay page for one order.
 * Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { MoneyValue } from '../shared/outputs';
import { connectionIdField } from '../shared/fields';

/** Longest a link may stay open: 30 days. */
export const MAX_PAY_LINK_HOURS = 720;
/** How long a link stays open unless the node says otherwise. */
export const DEFAULT_PAY_LINK_HOURS = 72;

/** One line of the order summary on the page. */
export const PayLinkLineField = z.object({
  title: z.string().min(1).max(200).meta({ title: 'Title' }),
  quantity: z.int().min(1).max(1_000_000).default(1).meta({ title: 'Quantity' }),
  amount: z.int().min(0).meta({ title: 'Line total', description: 'Integer minor units.' }),
});

/** What the node emits: where the shopper pays, until when, and for what. */
export const PayLinkOutput = z.object({
  linkId: z.string(),
  /** Absolute URL of the pay page; put it in the order note, a metafield or an email. */
  url: z.string(),
  expiresAt: z.iso.datetime(),
  orderRef: z.string(),
  amount: MoneyValue,
});
/** The pay-link node's output. */
export type PayLinkOutput = z.infer<typeof PayLinkOutput>;

/** Creates the pay page link for one order. */
export const paytracePayLinkNode = defineNode({
  type: 'paytrace.pay-link',
  version: 1,
  kind: 'action',
  title: 'PayTrace pay link',
  description: 'Create a link to the hosted pay page where the shopper enters the card.',
  category: 'paytrace',
  icon: 'link',
  config: z.object({
    connectionId: connectionIdField,
    orderRef: z
      .union([z.string().min(1).max(64), z.int().min(1)])
      .optional()
      .transform((value) => (value === undefined ? undefined : String(value)))
      .meta({
        title: 'Order reference',
        description: 'Empty: the Shopify order id of the run ($trigger.body.id).',
      }),
    amount: z.int().min(1).optional().meta({
      title: 'Amount',
      description:
        'Integer minor units. Empty: the Shopify order’s total_outstanding (else total_price).',
    }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
      .optional()
      .meta({ title: 'Currency', description: 'Empty: the Shopify order’s currency, else USD.' }),
    shopName: z.string().min(1).max(120).optional().meta({
      title: 'Shop name',
      description: 'Shown on the page. Empty: the store domain of the Shopify trigger.',
    }),
    lines: z.array(PayLinkLineField).max(250).optional().meta({
      title: 'Order lines',
      description: 'Shown on the page. Empty: the Shopify order’s line_items.',
    }),
    expiresInHours: z
      .int()
      .min(1)
      .max(MAX_PAY_LINK_HOURS)
      .default(DEFAULT_PAY_LINK_HOURS)
      .meta({ title: 'Expires after (hours)', description: 'Default 72 hours, at most 30 days.' }),
  }),
  output: PayLinkOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  // Issuing writes the link the page serves; checkpoint the URL at once.
  effects: true,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Creates a link to Paybridge's hosted pay page (\`/pay/<signed token>\`) for one order and
emits its absolute **url** and **expiresAt**: write them to the order note, a metafield or the
shopper's email, then wait for the payment with **PayTrace: wait for payment**
(\`paytrace.await-payment\`, its **Pay link id** = \`=$node("<this node>").linkId\`).

The token is signed with a key derived from the runtime's secret key and names the run, the node,
the order, the amount and the expiry: the page cannot change the amount. The page shows the shop
name, the order lines and the total, and takes the card in PayTrace's Protect.js hosted fields, so
card data never reaches Paybridge.

Defaults come from a Shopify order trigger: the order id, \`total_outstanding\` (else
\`total_price\`) in the order's currency, the store domain and the line items. Running the node
again in the same run (a retry, a crash recovery) returns the same link.`,
});

/** Pay-link config after defaults. */
export type PaytracePayLinkConfig = z.infer<typeof paytracePayLinkNode.config>;
