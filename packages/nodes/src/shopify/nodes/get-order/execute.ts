import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { getOrder } from '../../graphql/orders';
import { toOrder } from '../../records';
import { clientFor, notFound } from '../shared/node-client';
import { shopifyGetOrderNode, type ShopifyGetOrderConfig } from './definition';

/** The `shopify.get-order` executor of one runtime. */
export function createShopifyGetOrderExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyGetOrderConfig> {
  return implementNode(shopifyGetOrderNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { order } = await client.run(getOrder, { id: ctx.config.orderId });
    if (!order) throw notFound('order', ctx.config.orderId);
    return { port: 'out', output: toOrder(order) };
  });
}
