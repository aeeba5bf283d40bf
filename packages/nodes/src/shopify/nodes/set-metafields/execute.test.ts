import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startFaultProxy } from '../../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../../test/shop-harness';
import { createShopifyGetCustomerExecutor } from '../get-customer/execute';
import { shopifySetMetafieldsNode } from './definition';
import { createShopifySetMetafieldsExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

const valueOf = (orderId: string, key: string) =>
  [...(shop.sim.handle.state.orders.get(orderId)?.metafields.values() ?? [])].find(
    (m: any) => m.namespace === 'paytrace' && m.key === key,
  );

describe('shopify.set-metafields', () => {
  it('writes the PayTrace references on an order', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const executor = createShopifySetMetafieldsExecutor(shop.runtime);
    const result = await shop.run(executor, {
      ownerId: order.id,
      paytrace: { transactionId: '125391271', approvalCode: 'TAS610' },
    });
    const { output } = expectOutput(shopifySetMetafieldsNode, result);
    expect(output).toMatchObject({
      ownerId: `gid://shopify/Order/${order.id}`,
      metafields: [
        { namespace: 'paytrace', key: 'transaction_id', value: '125391271' },
        { namespace: 'paytrace', key: 'approval_code', value: 'TAS610' },
      ],
    });
    expect(valueOf(order.id, 'transaction_id')).toMatchObject({ value: '125391271' });
  });

  it('stores the vault id on a customer where get-customer reads it back', async () => {
    const customer = shop.sim.handle.createCustomer({ email: 'vault@example.com' });
    await shop.run(createShopifySetMetafieldsExecutor(shop.runtime), {
      ownerType: 'customer',
      ownerId: `gid://shopify/Customer/${customer.id}`,
      paytrace: { customerVaultId: 'pb-cust-42' },
    });
    const read = await shop.run(createShopifyGetCustomerExecutor(shop.runtime), {
      customerId: customer.id,
    });
    expect(read.output).toMatchObject({ paytraceVaultId: 'pb-cust-42' });
  });

  it('surfaces userErrors with the field and message, and writes nothing (atomic)', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const executor = createShopifySetMetafieldsExecutor(shop.runtime);
    const failure = shop.run(executor, {
      ownerId: order.id,
      paytrace: { transactionId: '555' },
      metafields: [{ namespace: 'risk', key: 'score', type: 'number_integer', value: 'high' }],
    });
    await expect(failure).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_USER_ERROR',
      message: expect.stringMatching(/^Shopify refused MetafieldsSet: metafields\.1\.value: .+/),
      details: {
        userErrors: [expect.objectContaining({ field: ['metafields', '1', 'value'] })],
      },
    });
    expect(valueOf(order.id, 'transaction_id')).toBeUndefined();
  });

  it('refuses more than 25 metafields and duplicates before calling Shopify', () => {
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const parse = (config: object) =>
      shopifySetMetafieldsNode.config.safeParse({ connectionId: 'c', ownerId: '1', ...config });
    expect(parse({ metafields: many }).error?.issues[0]?.message).toMatch(/at most 25/);
    expect(
      parse({
        paytrace: { transactionId: '1' },
        metafields: [{ key: 'transaction_id', value: '2' }],
      }).error?.issues[0]?.message,
    ).toBe('paytrace.transaction_id is set twice');
    expect(parse({}).success).toBe(false);
  });

  it('after a lost answer reads the owner and does not write again', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'MetafieldsSet' ? 'forward-then-reset' : 'forward',
    );
    try {
      const result = await shop.run(
        createShopifySetMetafieldsExecutor(shop.runtime),
        { ownerId: order.id, paytrace: { transactionId: '9001' } },
        { connection: viaProxy(shop, proxy.origin) },
      );
      expect(result.output.metafields).toMatchObject([{ key: 'transaction_id', value: '9001' }]);
      expect(proxy.seen.map((r) => r.operation)).toEqual(['MetafieldsSet', 'GetOrderMetafields']);
    } finally {
      await proxy.close();
    }
  });
});
