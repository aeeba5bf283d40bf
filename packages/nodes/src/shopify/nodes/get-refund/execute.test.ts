import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { pendingOrderInput, startShopHarness, type ShopHarness } from '../../test/shop-harness';
import { shopifyGetRefundNode } from './definition';
import { createShopifyGetRefundExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

describe('shopify.get-refund', () => {
  it('reads a refund with its transactions and amounts in minor units', async () => {
    const order = shop.sim.handle.createOrder(
      pendingOrderInput('30.00', { financial_status: 'paid' }),
    );
    const refund = shop.sim.handle.createRefund(order.id, { amount: '12.50', note: 'damaged' });
    const executor = createShopifyGetRefundExecutor(shop.runtime);
    const result = await shop.run(executor, { refundId: refund.id });
    const { output } = expectOutput(shopifyGetRefundNode, result);
    expect(output).toMatchObject({
      id: `gid://shopify/Refund/${refund.id}`,
      legacyId: refund.id,
      orderId: `gid://shopify/Order/${order.id}`,
      orderLegacyId: order.id,
      note: 'damaged',
      total: { minor: 1250, currency: 'USD' },
      transactions: [
        { kind: 'REFUND', status: 'SUCCESS', amount: { minor: 1250, currency: 'USD' } },
      ],
    });
  });

  it('sends a missing refund to the error port', async () => {
    const executor = createShopifyGetRefundExecutor(shop.runtime);
    await expect(shop.run(executor, { refundId: '5' })).rejects.toMatchObject({
      code: 'SHOPIFY_NOT_FOUND',
    });
  });
});
