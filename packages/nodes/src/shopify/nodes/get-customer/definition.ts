import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { resourceIdField } from '../../ids';
import { connectionIdField, SHOPIFY_CONNECTION, SHOPIFY_PORTS } from '../shared/fields';
import { ShopifyCustomer } from '../shared/outputs';

/** Reads a customer, including the PayTrace vault id kept in a metafield. */
export const shopifyGetCustomerNode = defineNode({
  type: 'shopify.get-customer',
  version: 1,
  kind: 'action',
  title: 'Get customer',
  description: 'Read a customer with metafields, including the PayTrace vault id.',
  category: 'shopify',
  icon: 'user',
  config: z.object({
    connectionId: connectionIdField,
    customerId: resourceIdField('Customer').meta({
      title: 'Customer',
      description: 'Global id or number as text, e.g. `=$node("order").customer.id`.',
      placeholder: 'gid://shopify/Customer/207119551',
    }),
  }),
  output: ShopifyCustomer,
  ports: SHOPIFY_PORTS,
  effects: false,
  connection: SHOPIFY_CONNECTION,
  docs: `Reads the customer and its first 50 metafields. \`paytraceVaultId\` is the value of
metafield \`paytrace.customer_vault_id\` (written by **Set metafields**), or \`null\`: charge the
vault profile when it is there, create one when it is not.

Name, email and phone are protected customer data: without the matching scopes Shopify returns
them empty. A missing customer goes to the **error** port as \`SHOPIFY_NOT_FOUND\`.`,
});

/** Get-customer settings after parsing. */
export type ShopifyGetCustomerConfig = z.infer<typeof shopifyGetCustomerNode.config>;
