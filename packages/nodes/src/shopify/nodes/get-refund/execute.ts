import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { getRefund } from '../../graphql/refunds';
import { toRefund } from '../../records';
import { clientFor, notFound } from '../shared/node-client';
import { shopifyGetRefundNode, type ShopifyGetRefundConfig } from './definition';

/** The `shopify.get-refund` executor of one runtime. */
export function createShopifyGetRefundExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyGetRefundConfig> {
  return implementNode(shopifyGetRefundNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { refund } = await client.run(getRefund, { id: ctx.config.refundId });
    if (!refund) throw notFound('refund', ctx.config.refundId);
    return { port: 'out', output: toRefund(refund) };
  });
}
