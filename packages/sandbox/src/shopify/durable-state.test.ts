import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, type SimulatorStore } from '../persistence/store.js';
import { openShopifySimulator, type DurableShopifySimulator } from './simulator.js';
import { startReceiver } from './test-support.js';

const open = (store: SimulatorStore, flushIntervalMs = 50) =>
  openShopifySimulator({
    durable: { store, flushIntervalMs, idBlock: 8 },
    settings: { autoDeliver: false },
  });

const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

/** Places an order and sends its webhooks; returns the order id and the webhook ids sent. */
async function placeOrder(sim: DurableShopifySimulator) {
  const order = sim.handle.createOrder({
    gateway: 'PayTrace',
    line_items: [{ title: 'Mug', price: '12.50', quantity: 2 }],
  });
  await sim.handle.deliveries.flush();
  return order.id;
}

describe('Shopify simulator over a durable store', () => {
  it('keeps orders, customers and subscriptions across a restart, and webhook ids keep growing', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const store = memoryStore();
    const first = await open(store);
    first.handle.subscribe('orders/create', receiver.url);
    const customer = first.handle.createCustomer({ email: 'kept@example.com' });
    const orderId = await placeOrder(first);
    await first.close();

    const second = await open(store);
    expect(second.handle.state.orders.get(orderId)?.lineItems).toHaveLength(1);
    expect(second.handle.state.customers.get(customer.id)?.email).toBe('kept@example.com');
    expect(second.handle.state.subscriptions.size).toBe(1);
    const nextOrder = await placeOrder(second);
    expect(BigInt(nextOrder)).toBeGreaterThan(BigInt(orderId));
    const ids = receiver.received.map((r) => String(r.headers['x-shopify-webhook-id']));
    expect(ids).toHaveLength(2);
    expect(ids[1]! > ids[0]!).toBe(true);
    const numbers = [orderId, nextOrder].map((id) => second.handle.state.orders.get(id)!.number);
    expect(numbers[1]).toBeGreaterThan(numbers[0]!);
    await second.close();
  });

  it('never re-issues ids, order numbers or webhook ids after a crash that lost unwritten changes', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const store = memoryStore();
    const setup = await open(store);
    setup.handle.subscribe('orders/create', receiver.url);
    await setup.close();

    // Writes wait an hour: nothing but id reservations reaches the store before the "crash".
    const crashed = await open(store, 3_600_000);
    const lost: string[] = [];
    for (let i = 0; i < 3; i++) lost.push(await placeOrder(crashed));
    const before = receiver.received.map((r) => String(r.headers['x-shopify-webhook-id']));
    const names = lost.map((id) => crashed.handle.state.orders.get(id)!.name);

    const after = await open(store);
    expect(after.handle.state.orders.size).toBe(0);
    const orderId = await placeOrder(after);
    const webhookId = String(receiver.received.at(-1)!.headers['x-shopify-webhook-id']);
    for (const id of before) expect(webhookId > id).toBe(true);
    for (const id of lost) expect(BigInt(orderId)).toBeGreaterThan(BigInt(id));
    expect(names).not.toContain(after.handle.state.orders.get(orderId)!.name);
    await after.close();
    await crashed.handle.deliveries.flush();
  });
});
