/**
 * `erp.customer-upsert`: create or update the ERP customer of an order, with its Shopify and
 * PayTrace vault ids.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { CustomerInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';
import { ORDER_SOURCE } from '../shared/shopify-source';

/**
 * From a Shopify order (the input, the Shopify event's body or the trigger's body) or a customer
 * object: `shopify-customer-<id>`, or one shared guest for orders without a customer. The
 * PayTrace vault id is read from the input: `paytraceCustomerId`, or `customerId` of a PayTrace
 * vault step's output.
 */
export const DEFAULT_CUSTOMER_MAPPING = `(
  ${ORDER_SOURCE}
  $c := $order.customer ? $order.customer : ($exists($order.line_items) ? {} : $order);
  $vault := paytraceCustomerId ? paytraceCustomerId : ($exists(cardReplaced) ? customerId);
  $name := $trim(($c.first_name ? $c.first_name : "") & " " & ($c.last_name ? $c.last_name : ""));
  {
    "externalRef": $c.id ? "shopify-customer-" & $string($c.id) : "shopify-guest",
    "name": $name != "" ? $name : ($c.email ? $c.email : ($order.email ? $order.email : "Guest")),
    "email": $c.email ? $c.email : $order.email,
    "shopifyCustomerId": $c.id ? $string($c.id),
    "paytraceCustomerId": $vault ? $string($vault)
  }
)`;

export const erpCustomerUpsertNode = defineNode({
  type: 'erp.customer-upsert',
  version: 1,
  kind: 'action',
  title: 'ERP customer',
  description: 'Create or update the ERP customer, keeping the PayTrace vault id.',
  category: 'erp',
  icon: 'user-round',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_CUSTOMER_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: CustomerInput },
  connection: ERP_CONNECTION,
  docs: `Creates the customer, or updates its name, email and external ids. Ids left out keep their
stored value, so a later upsert without the PayTrace vault id does not erase it.

The mapping must produce: ${Object.keys(CustomerInput.shape).join(', ')}.`,
});
