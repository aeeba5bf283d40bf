import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { performOnce } from '../../payments/exactly-once';
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
    const output = await performOnce(ctx, effect, client.settings.unknownOutcomeWaitMs);
    return { port: 'out', output };
  });
}
