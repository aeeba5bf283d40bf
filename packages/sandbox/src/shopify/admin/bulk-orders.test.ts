import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaytraceSimulator } from '../../paytrace/start.js';
import { shopifyOrdersForDay } from '../../paytrace/day/shopify-orders.js';
import type { DayManifest } from '../../paytrace/day/manifest.js';
import { startShop } from '../test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let paytrace: Awaited<ReturnType<typeof startPaytraceSimulator>>;

beforeAll(async () => {
  shop = await startShop({ settings: { autoDeliver: false } });
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
});
afterAll(async () => {
  await shop.close();
  await paytrace.close();
});

describe('bulk orders', () => {
  it("places a generated day's 2,000 orders with their PayTrace transaction ids in one call", async () => {
    const generated = await fetch(`${paytrace.url}/__admin/generate-day`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        date: '2026-03-10',
        orders: 2000,
        voidRate: 0.01,
        seed: 3,
        discrepancies: { notInShopify: 4 },
      }),
    });
    const day = (await generated.json()) as DayManifest;
    const body = shopifyOrdersForDay(day);
    expect(body.orders).toHaveLength(2000 - 4);
    const started = performance.now();
    const answer = await shop.admin('POST', '/orders/bulk', body);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(answer.status).toBe(201);
    expect(answer.body.count).toBe(1996);

    const orders = [...shop.sim.handle.state.orders.values()];
    const byTransaction = new Map(
      orders.map((o) => [o.metafields.get('paytrace.transaction_id')?.value, o]),
    );
    for (const tx of day.transactions.filter((t) => t.type === 'sale' || t.type === 'void')) {
      const order = byTransaction.get(tx.transactionId);
      if (!tx.inShopify) {
        expect(order).toBeUndefined();
        continue;
      }
      expect(order?.poNumber).toBe(tx.orderRef);
      expect(order?.cancelledAt !== null).toBe(tx.type === 'void');
      expect(
        order?.transactions.filter((t) => t.kind === 'sale').map((t) => t.amountMinor),
      ).toEqual(tx.type === 'sale' ? [tx.amount] : []);
    }
  });

  it('refuses a bad entry, naming its index, before placing anything with bad metafields', async () => {
    const before = shop.sim.handle.state.orders.size;
    const answer = await shop.admin('POST', '/orders/bulk', {
      orders: [
        { line_items: [{ title: 'A', price: '1.00', quantity: 1 }] },
        {
          line_items: [{ title: 'B', price: '1.00', quantity: 1 }],
          metafields: [{ namespace: 'paytrace', key: 'x', value: '1' }],
        },
      ],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual({ 'orders[1].metafields[0]': ['key is invalid'] });
    expect(shop.sim.handle.state.orders.size).toBe(before);
  });
});
