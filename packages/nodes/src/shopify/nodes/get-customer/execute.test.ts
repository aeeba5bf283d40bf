import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startShopHarness, type ShopHarness } from '../../test/shop-harness';
import { shopifyGetCustomerNode } from './definition';
import { createShopifyGetCustomerExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

describe('shopify.get-customer', () => {
  it('reads the customer with the PayTrace vault id from its metafield', async () => {
    const customer = shop.sim.handle.createCustomer({
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@example.com',
      paytrace_vault_id: 'cust-9001',
      metafields: [
        { namespace: 'loyalty', key: 'tier', type: 'single_line_text_field', value: 'gold' },
      ],
    });
    const executor = createShopifyGetCustomerExecutor(shop.runtime);
    const result = await shop.run(executor, { customerId: customer.id });
    const { output } = expectOutput(shopifyGetCustomerNode, result);
    expect(output).toMatchObject({
      id: `gid://shopify/Customer/${customer.id}`,
      legacyId: customer.id,
      firstName: 'Grace',
      email: 'grace@example.com',
      paytraceVaultId: 'cust-9001',
    });
    expect((output as { metafields: unknown[] }).metafields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          namespace: 'paytrace',
          key: 'customer_vault_id',
          value: 'cust-9001',
        }),
        expect.objectContaining({ namespace: 'loyalty', key: 'tier', value: 'gold' }),
      ]),
    );
  });

  it('gives null for a customer without a vault profile', async () => {
    const customer = shop.sim.handle.createCustomer({ email: 'new@example.com' });
    const executor = createShopifyGetCustomerExecutor(shop.runtime);
    const result = await shop.run(executor, {
      customerId: `gid://shopify/Customer/${customer.id}`,
    });
    expect(result.output).toMatchObject({ paytraceVaultId: null, metafields: [] });
  });

  it('refuses an order id where a customer id belongs', async () => {
    const executor = createShopifyGetCustomerExecutor(shop.runtime);
    await expect(shop.run(executor, { customerId: 'gid://shopify/Order/1' })).rejects.toThrow(
      /a Order id where a Customer id was expected/,
    );
  });

  it('sends a missing customer to the error port', async () => {
    const executor = createShopifyGetCustomerExecutor(shop.runtime);
    await expect(shop.run(executor, { customerId: '1' })).rejects.toMatchObject({
      code: 'SHOPIFY_NOT_FOUND',
    });
  });
});
