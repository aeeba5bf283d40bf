import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { orderWriteReference, performShopifyWrite } from '../../payments/write-effect';
import { clientFor } from '../shared/node-client';
import { shopifyOrderCancelNode, type ShopifyOrderCancelConfig } from './definition';
import { orderCancelEffect } from './effect';

/** The `shopify.order-cancel` executor of one runtime. */
export function createShopifyOrderCancelExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyOrderCancelConfig> {
  return implementNode(shopifyOrderCancelNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const effect = orderCancelEffect(client, ctx.config, ctx.signal);
    const { orderId, businessReference } = ctx.config;
    const business = orderWriteReference(ctx, 'cancel', orderId, businessReference);
    const wait = client.settings.unknownOutcomeWaitMs;
    const output = await performShopifyWrite(ctx, effect, wait, business);
    return { port: 'out', output };
  });
}
