import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { getCustomer } from '../../graphql/customers';
import { toCustomer } from '../../records';
import { clientFor, notFound } from '../shared/node-client';
import { shopifyGetCustomerNode, type ShopifyGetCustomerConfig } from './definition';

/** The `shopify.get-customer` executor of one runtime. */
export function createShopifyGetCustomerExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyGetCustomerConfig> {
  return implementNode(shopifyGetCustomerNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { customer } = await client.run(getCustomer, { id: ctx.config.customerId });
    if (!customer) throw notFound('customer', ctx.config.customerId);
    return { port: 'out', output: toCustomer(customer) };
  });
}
