import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { orderWriteReference, performShopifyWrite } from '../../payments/write-effect';
import { markPaidEffect } from '../../payments/mark-paid';
import { clientFor } from '../shared/node-client';
import { shopifyMarkPaidNode, type ShopifyMarkPaidConfig } from './definition';

/** The `shopify.mark-paid` executor of one runtime. */
export function createShopifyMarkPaidExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyMarkPaidConfig> {
  return implementNode(shopifyMarkPaidNode, async (ctx) => {
    const { orderId, mode, amount, currency, paymentMethodName } = ctx.config;
    const client = clientFor(runtime, ctx);
    const effect = markPaidEffect(client, {
      orderId,
      mode,
      paymentMethodName,
      ...(mode === 'amount' && amount !== undefined ? { amount: { minor: amount, currency } } : {}),
    });
    const business = orderWriteReference(ctx, 'payment', orderId, ctx.config.businessReference);
    const wait = client.settings.unknownOutcomeWaitMs;
    const output = await performShopifyWrite(ctx, effect, wait, business);
    return { port: 'out', output };
  });
}
