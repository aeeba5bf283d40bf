import { z } from 'zod';
import { defineNode } from '../../../define-node';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
} from '../shared/fields';
import { ShopifyOrder } from '../shared/outputs';

/** Reads one order with what payment flows decide on: transactions, customer, metafields. */
export const shopifyGetOrderNode = defineNode({
  type: 'shopify.get-order',
  version: 1,
  kind: 'action',
  title: 'Get order',
  description: 'Read one order with its transactions, customer and metafields.',
  category: 'shopify',
  icon: 'receipt',
  config: z.object({ connectionId: connectionIdField, orderId: orderIdField }),
  output: ShopifyOrder,
  ports: SHOPIFY_PORTS,
  effects: false,
  connection: SHOPIFY_CONNECTION,
  docs: `Reads the order through the Admin GraphQL API and emits it with amounts as integer minor
units (\`{ minor, currency }\`) and every id as a string: the global id (\`id\`) and the number
merchants see (\`legacyId\`), which exceeds what JSON numbers hold.

- **Payment state**: \`financialStatus\` (display only), \`canMarkAsPaid\`, \`fullyPaid\`,
  \`outstanding\`, \`received\`, \`refunded\`, and up to 50 \`transactions\`.
- **Metafields**: the first 50, e.g. \`paytrace.transaction_id\`.
- An order that does not exist (or is older than 60 days without the \`read_all_orders\` scope)
  goes to the **error** port as \`SHOPIFY_NOT_FOUND\`.`,
});

/** Get-order settings after parsing (the order id is a global id). */
export type ShopifyGetOrderConfig = z.infer<typeof shopifyGetOrderNode.config>;
