import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { resourceIdField } from '../../ids';
import { connectionIdField, SHOPIFY_CONNECTION, SHOPIFY_PORTS } from '../shared/fields';
import { ShopifyRefund } from '../shared/outputs';

/** Reads a refund: what was refunded, by which transactions, for which line items. */
export const shopifyGetRefundNode = defineNode({
  type: 'shopify.get-refund',
  version: 1,
  kind: 'action',
  title: 'Get refund',
  description: 'Read a refund with its transactions and refunded line items.',
  category: 'shopify',
  icon: 'undo-2',
  config: z.object({
    connectionId: connectionIdField,
    refundId: resourceIdField('Refund').meta({
      title: 'Refund',
      description: 'Global id or number as text, e.g. `=$trigger.body.id` on `refunds/create`.',
      placeholder: 'gid://shopify/Refund/890088186047892319',
    }),
  }),
  output: ShopifyRefund,
  ports: SHOPIFY_PORTS,
  effects: false,
  connection: SHOPIFY_CONNECTION,
  docs: `Reads the refund with up to 20 transactions and 50 refunded line items; amounts are integer
minor units. A refund can carry no transaction (nothing was paid back), one, or several (split
tender): sum \`transactions[kind = "REFUND" and status = "SUCCESS"].amount.minor\` for the money
actually returned. A missing refund goes to the **error** port as \`SHOPIFY_NOT_FOUND\`.`,
});

/** Get-refund settings after parsing. */
export type ShopifyGetRefundConfig = z.infer<typeof shopifyGetRefundNode.config>;
