/**
 * Rate limits end to end: a burst of 300 mutations against the simulator's cost bucket, from two
 * runtimes that share the shop's bucket without knowing of each other (two worker processes), so
 * Shopify's THROTTLED answers really happen; and a 429 with Retry-After in front of the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyRuntime } from '../client/runtime';
import { createTestContext } from '../../test-context';
import { startFaultProxy } from '../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../test/shop-harness';
import { shopifyAddNoteTagsNode } from './add-note-tags/definition';
import { createShopifyAddNoteTagsExecutor } from './add-note-tags/execute';

let shop: ShopHarness;
beforeAll(async () => {
  // A Standard store's bucket: 2000 points, refilled at 100 points per second.
  shop = await startShopHarness({ settings: { plan: 'standard' } });
});
afterAll(() => shop.close());

describe('shopify rate limits', () => {
  it('completes a burst of 300 tagsAdd mutations with no error reaching the flow', async () => {
    const orders = Array.from({ length: 300 }, () =>
      shop.sim.handle.createOrder(pendingOrderInput()),
    );
    const workers = [
      shop.runtime,
      createShopifyRuntime({
        http: { allowPrivateCidrs: [] },
        shopify: { simulatorUrl: shop.sim.url },
      }),
    ];
    const executors = workers.map((runtime) => createShopifyAddNoteTagsExecutor(runtime));
    const contexts = orders.map((order, i) =>
      createTestContext(
        shopifyAddNoteTagsNode,
        { connectionId: 'c', orderId: order.id, tags: ['paytrace-paid'] },
        { connection: { type: 'shopify', values: shop.connection }, nodeId: `n${i}` },
      ),
    );
    // Another user of the app drains the shop's bucket once it runs low: the models cannot know,
    // so Shopify answers THROTTLED and the clients wait by the reported level and restore rate.
    let drained = false;
    const drain = setInterval(() => {
      const bucket = shop.sim.handle.state.bucket;
      const level = bucket
        ? bucket.available + ((shop.sim.handle.now() - bucket.at) / 1000) * 100
        : 2000;
      if (!drained && level < 100) {
        drained = true;
        shop.sim.handle.state.bucket = { available: 0, at: shop.sim.handle.now() };
      }
    }, 10);
    const started = Date.now();
    const results = await Promise.allSettled(
      contexts.map((ctx, i) => executors[i % 2]!.execute(ctx)),
    );
    const elapsed = Date.now() - started;
    clearInterval(drain);
    expect(drained).toBe(true);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const order of orders) {
      expect(shop.sim.handle.state.orders.get(order.id)?.tags).toContain('paytrace-paid');
    }
    // 300 reads (1 point) and 300 mutations (10 points) through a 200-point bucket at 1000/s.
    expect(elapsed).toBeGreaterThanOrEqual(((300 * 11 - 200) / 1000) * 1000 * 0.9);
    const codes = contexts.flatMap((ctx) => ctx.logger.entries).map((e) => e.fields?.code);
    // Both kinds of waiting happened: for the modelled bucket, and after THROTTLED answers.
    expect(codes).toContain('SHOPIFY_COST_BUCKET');
    expect(codes).toContain('SHOPIFY_THROTTLED');
  }, 90_000);

  it('honours a 429 Retry-After in front of the store and resends the mutation', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    let refused = false;
    const proxy = await startFaultProxy(shop.sim.url, (request) => {
      if (request.operation === 'TagsAdd' && !refused) {
        refused = true;
        return {
          status: 429,
          headers: { 'retry-after': '1.0' },
          json: {
            errors:
              'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
          },
        };
      }
      return 'forward';
    });
    try {
      const started = Date.now();
      const result = await shop.run(
        createShopifyAddNoteTagsExecutor(shop.runtime),
        { orderId: order.id, tags: ['after-429'] },
        { connection: viaProxy(shop, proxy.origin) },
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(result.output).toMatchObject({ tagsAdded: ['after-429'] });
      expect(proxy.seen.map((r) => r.operation)).toEqual([
        'GetOrderNoteTags',
        'TagsAdd',
        'TagsAdd',
      ]);
    } finally {
      await proxy.close();
    }
  });
});
