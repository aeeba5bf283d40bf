import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startFaultProxy } from '../../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../../test/shop-harness';
import { shopifyAddNoteTagsNode } from './definition';
import { createShopifyAddNoteTagsExecutor } from './execute';
import { appendLine, missingTags, noteHasLine } from './merge';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

describe('note and tag merging', () => {
  it('finds missing tags without case and without repeats', () => {
    expect(missingTags(['VIP', 'wholesale'], ['vip', 'paytrace-paid', 'PayTrace-Paid'])).toEqual([
      'paytrace-paid',
    ]);
  });

  it('appends a line once, keeping the note', () => {
    expect(appendLine(null, 'PayTrace 123 approved')).toBe('PayTrace 123 approved');
    expect(appendLine('Gift wrap please\n', 'PayTrace 123 approved')).toBe(
      'Gift wrap please\nPayTrace 123 approved',
    );
    expect(noteHasLine('Gift wrap\n PayTrace 123 approved ', 'PayTrace 123 approved')).toBe(true);
    expect(noteHasLine('PayTrace 1234 approved', 'PayTrace 123 approved')).toBe(false);
  });
});

describe('shopify.add-note-tags', () => {
  it('adds tags and a note line without clobbering, and a second run changes nothing', async () => {
    const order = shop.sim.handle.createOrder(
      pendingOrderInput('10.00', { tags: ['vip'], note: 'Gift wrap please' }),
    );
    const executor = createShopifyAddNoteTagsExecutor(shop.runtime);
    const config = {
      orderId: order.id,
      tags: ['VIP', 'paytrace-declined'],
      noteLine: 'PayTrace declined transaction 120 (insufficient funds)',
    };
    const first = await shop.run(executor, config);
    const { output } = expectOutput(shopifyAddNoteTagsNode, first);
    expect(output).toMatchObject({
      legacyId: order.id,
      tagsAdded: ['paytrace-declined'],
      noteAppended: true,
      note: 'Gift wrap please\nPayTrace declined transaction 120 (insufficient funds)',
    });
    const stored = shop.sim.handle.state.orders.get(order.id);
    expect(stored?.tags).toEqual(expect.arrayContaining(['vip', 'paytrace-declined']));
    expect(stored?.note).toBe(
      'Gift wrap please\nPayTrace declined transaction 120 (insufficient funds)',
    );

    const again = await shop.run(executor, config);
    expect(again.output).toMatchObject({ tagsAdded: [], noteAppended: false });
    expect(shop.sim.handle.state.orders.get(order.id)?.note).toBe(stored?.note);
  });

  it('reads the order again after a lost answer instead of resending', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('10.00', { note: 'first' }));
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'TagsAdd' || request.operation === 'OrderUpdateNote'
        ? 'forward-then-reset'
        : 'forward',
    );
    try {
      const executor = createShopifyAddNoteTagsExecutor(shop.runtime);
      const result = await shop.run(
        executor,
        { orderId: order.id, tags: ['paytrace-paid'], noteLine: 'PayTrace 77 approved' },
        { connection: viaProxy(shop, proxy.origin) },
      );
      expect(result.output).toMatchObject({ tagsAdded: ['paytrace-paid'], noteAppended: true });
      // Each write went out once, each lost answer was followed by a read that found it applied.
      expect(proxy.seen.map((r) => r.operation)).toEqual([
        'GetOrderNoteTags',
        'TagsAdd',
        'GetOrderNoteTags',
        'OrderUpdateNote',
        'GetOrderNoteTags',
      ]);
      expect(shop.sim.handle.state.orders.get(order.id)?.note).toBe('first\nPayTrace 77 approved');
    } finally {
      await proxy.close();
    }
  });

  it('refuses a config with nothing to add', () => {
    expect(
      shopifyAddNoteTagsNode.config.safeParse({ connectionId: 'c', orderId: '1' }).success,
    ).toBe(false);
    expect(
      shopifyAddNoteTagsNode.config.safeParse({ connectionId: 'c', orderId: '1', tags: ['a,b'] })
        .success,
    ).toBe(false);
  });
});
