import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { pendingOrderInput, startShopHarness, type ShopHarness } from '../../test/shop-harness';
import { shopifyGetOrderNode } from './definition';
import { createShopifyGetOrderExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

describe('shopify.get-order', () => {
  it('reads an order with transactions, customer and metafields; ids above 2^53 stay exact', async () => {
    const customer = shop.sim.handle.createCustomer({
      first_name: 'Ada',
      email: 'ada@example.com',
      paytrace_vault_id: 'vault-7',
    });
    const order = shop.sim.handle.createOrder(
      pendingOrderInput('19.90', {
        customer_id: customer.id,
        financial_status: 'paid',
        tags: ['vip'],
      }),
    );
    expect(BigInt(order.id)).toBeGreaterThan(2n ** 53n);
    const executor = createShopifyGetOrderExecutor(shop.runtime);
    const result = await shop.run(executor, { orderId: order.id });
    const { output } = expectOutput(shopifyGetOrderNode, result);
    expect(output).toMatchObject({
      id: `gid://shopify/Order/${order.id}`,
      legacyId: order.id,
      financialStatus: 'PAID',
      fullyPaid: true,
      canMarkAsPaid: false,
      total: { minor: 1990, currency: 'USD' },
      received: { minor: 1990, currency: 'USD' },
      outstanding: { minor: 0, currency: 'USD' },
      tags: ['vip'],
      customer: { id: `gid://shopify/Customer/${customer.id}`, legacyId: customer.id },
      transactions: [
        {
          kind: 'SALE',
          status: 'SUCCESS',
          gateway: 'PayTrace',
          amount: { minor: 1990, currency: 'USD' },
        },
      ],
    });
  });

  it('accepts the global id as well as the number', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const executor = createShopifyGetOrderExecutor(shop.runtime);
    const result = await shop.run(executor, { orderId: `gid://shopify/Order/${order.id}` });
    expect(result.output).toMatchObject({
      legacyId: order.id,
      financialStatus: 'PENDING',
      canMarkAsPaid: true,
      outstanding: { minor: 4999, currency: 'USD' },
    });
  });

  // The simulator knows no three-decimal currency; money.test.ts covers KWD and BHD.
  it('reads yen amounts with exponent 0', async () => {
    const yen = shop.sim.handle.createOrder(pendingOrderInput('1200', { currency: 'JPY' }));
    const executor = createShopifyGetOrderExecutor(shop.runtime);
    expect((await shop.run(executor, { orderId: yen.id })).output).toMatchObject({
      total: { minor: 1200, currency: 'JPY' },
      outstanding: { minor: 1200, currency: 'JPY' },
    });
  });

  it('sends a missing order to the error port as SHOPIFY_NOT_FOUND', async () => {
    const executor = createShopifyGetOrderExecutor(shop.runtime);
    await expect(shop.run(executor, { orderId: '18446744073709551615' })).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_NOT_FOUND',
    });
  });
});
