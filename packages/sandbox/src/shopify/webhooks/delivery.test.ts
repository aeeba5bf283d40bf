import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, type ShopifySimulatorSettings } from '../settings.js';
import { startReceiver, startShop, type ReceiverScript } from '../test-support.js';

type Shop = Awaited<ReturnType<typeof startShop>>;
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(
  settings: Partial<ShopifySimulatorSettings>,
  script?: ReceiverScript,
  clock?: () => number,
): Promise<{ shop: Shop; receiver: Receiver }> {
  const shop = await startShop({ settings, ...(clock ? { clock } : {}) });
  const receiver = await startReceiver(script);
  open.push(shop, receiver);
  shop.sim.handle.subscribe('orders/create', receiver.url);
  return { shop, receiver };
}

const place = (shop: Shop, n = 1) =>
  Array.from(
    { length: n },
    () => shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] }).name,
  );

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('retries', () => {
  it('retries a failing receiver on the compressed schedule until it answers 2xx', async () => {
    const { shop, receiver } = await setup({ backoffScale: 0.0001 }, (i) => ({
      status: i < 3 ? 500 : 200,
    }));
    place(shop);
    await waitFor(() => shop.sim.handle.deliveries.list()[0]?.state === 'delivered');
    const [delivery] = shop.sim.handle.deliveries.list();
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    expect(delivery!.attempts.map((a) => a.error)).toEqual([
      'status 500',
      'status 500',
      'status 500',
      null,
    ]);
    expect(receiver.received).toHaveLength(4);
    const ids = new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id']));
    const triggered = new Set(receiver.received.map((r) => r.headers['x-shopify-triggered-at']));
    const bodies = new Set(receiver.received.map((r) => r.raw.toString('utf8')));
    expect([ids.size, triggered.size, bodies.size]).toEqual([1, 1, 1]);
  });

  it('gives up after the first attempt and 8 retries, and removes the subscription', async () => {
    const { shop, receiver } = await setup({ backoffScale: 0.00001 }, () => ({ status: 503 }));
    place(shop);
    await waitFor(() => shop.sim.handle.deliveries.list()[0]?.state === 'failed');
    expect(receiver.received).toHaveLength(9);
    expect(shop.sim.handle.state.subscriptions.size).toBe(0);
    place(shop);
    await shop.sim.handle.deliveries.flush();
    expect(receiver.received).toHaveLength(9);
  });

  it('follows the default schedule (about 4 hours) on the simulated clock when drained', async () => {
    const { shop } = await setup(
      { autoDeliver: false },
      () => ({ status: 500 }),
      () => Date.UTC(2025, 0, 1),
    );
    place(shop);
    await shop.sim.handle.deliveries.drain();
    const [delivery] = shop.sim.handle.deliveries.list();
    const gaps = delivery!.attempts
      .slice(1)
      .map((a, i) => (a.at - delivery!.attempts[i]!.at) / 1000);
    expect(gaps).toEqual(DEFAULT_RETRY_SCHEDULE);
    expect((delivery!.attempts.at(-1)!.at - delivery!.attempts[0]!.at) / 3_600_000).toBeCloseTo(
      4.25,
      2,
    );
    expect(delivery!.state).toBe('failed');
  });

  it('counts redirects as failures', async () => {
    const { shop } = await setup({ autoDeliver: false, retryScheduleSeconds: [] }, () => ({
      status: 302,
    }));
    place(shop);
    await shop.sim.handle.deliveries.flush();
    expect(shop.sim.handle.deliveries.list()[0]).toMatchObject({
      state: 'failed',
      attempts: [{ status: 302, error: 'redirect 302' }],
    });
  });

  it('can give every retry a fresh webhook id', async () => {
    const { shop, receiver } = await setup(
      { autoDeliver: false, retryKeepsWebhookId: false, retryScheduleSeconds: [0, 0] },
      (i) => ({ status: i < 2 ? 500 : 200 }),
    );
    place(shop);
    await shop.sim.handle.deliveries.drain();
    expect(new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(3);
  });
});

describe('several subscriptions', () => {
  it('gives each subscription its own delivery of the same event', async () => {
    const { shop, receiver } = await setup({ autoDeliver: false });
    shop.sim.handle.subscribe('orders/create', `${receiver.url}?second`);
    place(shop);
    await shop.sim.handle.deliveries.flush();
    expect(receiver.received).toHaveLength(2);
    const [a, b] = receiver.received;
    expect(a!.headers['x-shopify-event-id']).toBe(b!.headers['x-shopify-event-id']);
    expect(a!.headers['x-shopify-webhook-id']).not.toBe(b!.headers['x-shopify-webhook-id']);
  });
});

describe('slow receivers', () => {
  it('fails an attempt not answered within the timeout, then retries', async () => {
    const { shop, receiver } = await setup(
      { deliveryTimeoutMs: 150, backoffScale: 0.0001 },
      (i) => ({ delayMs: i === 0 ? 600 : 0 }),
    );
    place(shop);
    await waitFor(() => shop.sim.handle.deliveries.list()[0]?.state === 'delivered');
    const [delivery] = shop.sim.handle.deliveries.list();
    expect(delivery!.attempts.map((a) => a.error)).toEqual(['timeout', null]);
    expect(delivery!.attempts[0]!.status).toBeNull();
    expect(receiver.received).toHaveLength(2);
  });
});

describe('duplicates, reordering and drops (seeded)', () => {
  it('delivers duplicates with the same webhook id', async () => {
    const { shop, receiver } = await setup({ autoDeliver: false, duplicateRate: 1 });
    place(shop, 2);
    await shop.sim.handle.deliveries.drain();
    expect(receiver.received).toHaveLength(4);
    const byId = new Map<string, number>();
    for (const r of receiver.received) {
      const id = r.headers['x-shopify-webhook-id'] as string;
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    expect([...byId.values()]).toEqual([2, 2]);
    const duplicates = shop.sim.handle.deliveries.list().filter((d) => d.duplicateOf !== null);
    expect(duplicates).toHaveLength(2);
  });

  async function arrivalOrder(settings: Partial<ShopifySimulatorSettings>, n: number) {
    const { shop, receiver } = await setup({ autoDeliver: false, ...settings }, undefined, () =>
      Date.UTC(2025, 0, 1),
    );
    const placed = place(shop, n);
    await shop.sim.handle.deliveries.drain();
    return { placed, arrived: receiver.received.map((r) => r.json.name as string), shop };
  }

  it('holds some deliveries back so later ones overtake them, the same way for the same seed', async () => {
    const first = await arrivalOrder({ reorderRate: 0.5, seed: 7 }, 10);
    expect([...first.arrived].sort()).toEqual([...first.placed].sort());
    expect(first.arrived).not.toEqual(first.placed);
    const held = first.shop.sim.handle.deliveries.list().filter((d) => d.heldBack);
    expect(held.length).toBeGreaterThan(0);
    const second = await arrivalOrder({ reorderRate: 0.5, seed: 7 }, 10);
    expect(second.arrived).toEqual(first.arrived);
  });

  it('drops a share of deliveries for good, the same ones for the same seed', async () => {
    const first = await arrivalOrder({ dropRate: 0.3, seed: 3 }, 20);
    const dropped = first.shop.sim.handle.deliveries.list().filter((d) => d.state === 'dropped');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(20);
    expect(first.arrived).toHaveLength(20 - dropped.length);
    expect(dropped.every((d) => d.attempts.length === 0)).toBe(true);
    const second = await arrivalOrder({ dropRate: 0.3, seed: 3 }, 20);
    expect(second.arrived).toEqual(first.arrived);
    const other = await arrivalOrder({ dropRate: 0.3, seed: 4 }, 20);
    expect(other.arrived).not.toEqual(first.arrived);
  });
});

describe('delivery log through the admin API', () => {
  it('shows deliveries with attempts, and flushes on request', async () => {
    const { shop } = await setup({ autoDeliver: false, retryScheduleSeconds: [] }, () => ({
      status: 500,
    }));
    place(shop);
    const flushed = await shop.admin('POST', '/deliveries/flush', {});
    expect(flushed.body).toEqual({ scheduled: 0, delivered: 0, failed: 1, dropped: 0 });
    const log = await shop.admin('GET', '/deliveries?topic=orders/create');
    expect(log.body.deliveries).toHaveLength(1);
    expect(log.body.deliveries[0]).toMatchObject({
      topic: 'orders/create',
      state: 'failed',
      attempts: [{ status: 500, error: 'status 500' }],
    });
    const one = await shop.admin('GET', `/deliveries/${log.body.deliveries[0].id}`);
    expect(one.body.delivery.body).toContain('"name":"#1001"');
  });
});

describe('injected sender', () => {
  it('sends every attempt through the host’s fetch, and its refusal counts as a failure', async () => {
    const seen: string[] = [];
    const shop = await startShop({
      settings: { backoffScale: 0.0001, retryScheduleSeconds: [1] },
      fetch: async (uri) => {
        seen.push(uri);
        throw new TypeError('fetch failed', { cause: { code: 'EBLOCKED' } });
      },
    });
    open.push(shop);
    shop.sim.handle.subscribe('orders/create', 'http://169.254.169.254/latest/meta-data');
    place(shop);
    await waitFor(() => shop.sim.handle.deliveries.list()[0]?.state === 'failed');
    const [delivery] = shop.sim.handle.deliveries.list();
    expect(delivery!.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'EBLOCKED'],
      [null, 'EBLOCKED'],
    ]);
    expect(seen).toEqual([
      'http://169.254.169.254/latest/meta-data',
      'http://169.254.169.254/latest/meta-data',
    ]);
  });
});
