import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { orderWriteReference, performShopifyWrite } from '../../payments/write-effect';
import { clientFor } from '../shared/node-client';
import { shopifyOrderRiskNode, type ShopifyOrderRiskConfig } from './definition';
import { orderRiskEffect } from './effect';

/** The `shopify.order-risk` executor of one runtime. */
export function createShopifyOrderRiskExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyOrderRiskConfig> {
  return implementNode(shopifyOrderRiskNode, async (ctx) => {
    const { orderId, riskLevel, facts } = ctx.config;
    const client = clientFor(runtime, ctx);
    const effect = orderRiskEffect(client, { orderId, riskLevel, facts });
    // One record per order and level: a later verdict at another level is its own fact.
    const operation = `risk-assessment-${riskLevel.toLowerCase()}`;
    const business = orderWriteReference(ctx, operation, orderId, ctx.config.businessReference);
    const wait = client.settings.unknownOutcomeWaitMs;
    const output = await performShopifyWrite(ctx, effect, wait, business);
    return { port: 'out', output };
  });
}
