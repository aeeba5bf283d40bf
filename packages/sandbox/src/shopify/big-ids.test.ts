import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, startShop } from './test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const MAX_U64 = '18446744073709551615';

beforeAll(async () => {
  shop = await startShop({ settings: { autoDeliver: false } });
  receiver = await startReceiver();
  shop.sim.handle.subscribe('orders/create', receiver.url);
});
afterAll(async () => {
  await shop.close();
  await receiver.close();
});

describe('ids above 2^53', () => {
  it('hands out ids above Number.MAX_SAFE_INTEGER by default', () => {
    const order = shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
    expect(BigInt(order.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(Number(order.id).toString()).not.toBe(order.id);
  });

  it('round-trips exactly through GraphQL (global ids, legacyResourceId, nested ids)', async () => {
    const placed = await shop.admin('POST', '/orders', {
      id: MAX_U64,
      line_items: [{ title: 'Max', price: '2.00' }],
      financial_status: 'paid',
      gateway: 'PayTrace',
    });
    expect(placed.text).toContain(`"id":${MAX_U64},`);
    const { body } = await shop.gql(
      'query($id: ID!) { order(id: $id) { id legacyResourceId lineItems(first: 1) { nodes { id } } transactions { id } } }',
      { id: `gid://shopify/Order/${MAX_U64}` },
    );
    expect(body.data.order.id).toBe(`gid://shopify/Order/${MAX_U64}`);
    expect(body.data.order.legacyResourceId).toBe(MAX_U64);
    const order = shop.sim.handle.state.orders.get(MAX_U64)!;
    expect(body.data.order.lineItems.nodes[0].id).toBe(
      `gid://shopify/LineItem/${order.lineItems[0]!.id}`,
    );
    expect(body.data.order.transactions[0].id).toBe(
      `gid://shopify/OrderTransaction/${order.transactions[0]!.id}`,
    );
    const search = await shop.gql(
      `{ orders(first: 1, query: "id:${MAX_U64}") { nodes { legacyResourceId } } }`,
    );
    expect(search.body.data.orders.nodes).toEqual([{ legacyResourceId: MAX_U64 }]);
  });

  it('writes them as bare integers in REST webhook bodies, digit for digit', async () => {
    await shop.sim.handle.deliveries.flush();
    const raw = receiver.received
      .map((r) => r.raw.toString('utf8'))
      .find((t) => t.includes(MAX_U64))!;
    expect(raw.startsWith(`{"id":${MAX_U64},`)).toBe(true);
    const order = shop.sim.handle.state.orders.get(MAX_U64)!;
    expect(raw).toContain(`"line_items":[{"id":${order.lineItems[0]!.id},`);
    expect(JSON.stringify(JSON.parse(raw).id)).not.toBe(MAX_U64);
  });

  it('refuses ids beyond 64 bits', async () => {
    const { body } = await shop.gql(
      '{ order(id: "gid://shopify/Order/18446744073709551616") { id } }',
    );
    expect(body.errors[0].message).toContain('Invalid global id');
  });

  it('can start from small ids instead', async () => {
    const small = await startShop({ idStart: 1001n });
    const order = small.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
    expect(order.id).toBe('1002');
    await small.close();
  });
});
