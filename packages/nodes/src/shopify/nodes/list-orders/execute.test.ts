import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { pendingOrderInput, startShopHarness, type ShopHarness } from '../../test/shop-harness';
import { shopifyListOrdersNode } from './definition';
import { createShopifyListOrdersExecutor } from './execute';
import { ordersSearch } from './search';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

describe('ordersSearch', () => {
  it('joins the time filter and the user filters, guarding an OR', () => {
    expect(ordersSearch()).toBeNull();
    expect(ordersSearch('2025-01-01T00:00:00Z')).toBe("updated_at:>='2025-01-01T00:00:00Z'");
    expect(ordersSearch('2025-01-01T00:00:00Z', 'tag:a OR tag:b')).toBe(
      "updated_at:>='2025-01-01T00:00:00Z' (tag:a OR tag:b)",
    );
    expect(ordersSearch(undefined, ' financial_status:pending ')).toBe('financial_status:pending');
  });
});

describe('shopify.list-orders', () => {
  it('follows cursors across pages up to the maximum, oldest change first', async () => {
    shop.sim.handle.reset();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(shop.sim.handle.createOrder(pendingOrderInput('10.00')).id);
      shop.sim.handle.advanceClock(1000);
    }
    const executor = createShopifyListOrdersExecutor(shop.runtime);
    const first = await shop.run(executor, { pageSize: 3, maxOrders: 5 });
    const { output } = expectOutput(shopifyListOrdersNode, first);
    expect(output).toMatchObject({ count: 5, hasMore: true });
    expect((output as { orders: { legacyId: string }[] }).orders.map((o) => o.legacyId)).toEqual(
      ids.slice(0, 5),
    );
    const rest = await shop.run(executor, { pageSize: 3, after: first.output.endCursor });
    expect(rest.output.orders.map((o: { legacyId: string }) => o.legacyId)).toEqual(ids.slice(5));
    expect(rest.output).toMatchObject({ count: 2, hasMore: false });
  });

  it('keeps only orders updated since the given time', async () => {
    shop.sim.handle.reset();
    shop.sim.handle.createOrder(pendingOrderInput());
    shop.sim.handle.advanceClock(60_000);
    const since = new Date(shop.sim.handle.now()).toISOString();
    shop.sim.handle.advanceClock(1000);
    const recent = shop.sim.handle.createOrder(pendingOrderInput('5.00'));
    const executor = createShopifyListOrdersExecutor(shop.runtime);
    const result = await shop.run(executor, { updatedSince: since });
    expect(result.output).toMatchObject({
      count: 1,
      orders: [
        { legacyId: recent.id, total: { minor: 500, currency: 'USD' }, financialStatus: 'PENDING' },
      ],
    });
  });

  it('reads a full page of 250 within the per-query cost limit', async () => {
    shop.sim.handle.reset();
    for (let i = 0; i < 260; i++) shop.sim.handle.createOrder(pendingOrderInput('1.00'));
    const executor = createShopifyListOrdersExecutor(shop.runtime);
    const result = await shop.run(executor, { pageSize: 250, maxOrders: 260 });
    expect(result.output).toMatchObject({ count: 260, hasMore: false });
  });
});
