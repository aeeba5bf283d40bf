import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPIFY_DEMO_CREDENTIALS } from '../simulator.js';
import { CURRENT_VERSION, startReceiver, startShop } from '../test-support.js';
import { verifyWebhook } from './sign.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const secret = SHOPIFY_DEMO_CREDENTIALS.clientSecret;

const topicsOf = () => receiver.received.map((r) => r.headers['x-shopify-topic']);

beforeAll(async () => {
  shop = await startShop({ settings: { autoDeliver: false } });
  receiver = await startReceiver();
  for (const topic of [
    'orders/create',
    'orders/paid',
    'orders/updated',
    'refunds/create',
    'disputes/create',
    'disputes/update',
  ]) {
    const answer = await shop.admin('POST', '/webhooks', { topic, address: receiver.url });
    expect(answer.status).toBe(201);
  }
});
afterAll(async () => {
  await shop.close();
  await receiver.close();
});

describe('order webhooks', () => {
  let orderId: string;

  it('delivers orders/create and orders/paid for a paid checkout, with every X-Shopify header', async () => {
    const placed = await shop.admin('POST', '/orders', {
      line_items: [{ title: 'Widget', price: '19.99', quantity: 2, sku: 'W-1' }],
      gateway: 'PayTrace',
      financial_status: 'paid',
      tags: ['vip', 'wholesale'],
      email: 'buyer@example.com',
    });
    expect(placed.status).toBe(201);
    orderId = /"order":\{"id":(\d+)/.exec(placed.text)![1]!;
    await shop.sim.handle.deliveries.flush();
    expect(topicsOf()).toEqual(['orders/create', 'orders/paid']);
    const [create, paid] = receiver.received;
    expect(create!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'paybridge-demo.myshopify.com',
      'x-shopify-api-version': CURRENT_VERSION,
      'user-agent': 'Shopify-Captain-Hook',
    });
    for (const name of [
      'x-shopify-webhook-id',
      'x-shopify-event-id',
      'x-shopify-triggered-at',
      'x-shopify-hmac-sha256',
    ]) {
      expect(create!.headers[name]).toBeTruthy();
    }
    expect(create!.headers['x-shopify-event-id']).toBe(paid!.headers['x-shopify-event-id']);
    expect(create!.headers['x-shopify-webhook-id']).not.toBe(paid!.headers['x-shopify-webhook-id']);
    expect(Date.parse(create!.headers['x-shopify-triggered-at'] as string)).not.toBeNaN();
  });

  it('signs the raw bytes with the app secret (base64 HMAC-SHA256)', () => {
    for (const request of receiver.received) {
      expect(
        verifyWebhook(request.raw, request.headers['x-shopify-hmac-sha256'] as string, secret),
      ).toBe(true);
      expect(
        verifyWebhook(request.raw, request.headers['x-shopify-hmac-sha256'] as string, 'other'),
      ).toBe(false);
      const reserialized = Buffer.from(JSON.stringify(request.json));
      expect(
        verifyWebhook(reserialized, request.headers['x-shopify-hmac-sha256'] as string, secret),
      ).toBe(false);
    }
  });

  it('writes ids above 2^53 as bare integers that survive only a lossless reading', () => {
    const raw = receiver.received[0]!.raw.toString('utf8');
    expect(BigInt(orderId)).toBeGreaterThan(2n ** 53n);
    expect(raw).toContain(`"id":${orderId},`);
    expect(raw).toContain(`"admin_graphql_api_id":"gid://shopify/Order/${orderId}"`);
    expect(String(receiver.received[0]!.json.id)).not.toBe(orderId);
  });

  it('has the REST order shape', () => {
    const body = receiver.received[1]!.json;
    expect(body).toMatchObject({
      name: '#1001',
      order_number: 1001,
      email: 'buyer@example.com',
      currency: 'USD',
      financial_status: 'paid',
      payment_gateway_names: ['PayTrace'],
      tags: 'vip, wholesale',
      total_price: '39.98',
      total_price_set: {
        shop_money: { amount: '39.98', currency_code: 'USD' },
        presentment_money: { amount: '39.98', currency_code: 'USD' },
      },
      total_outstanding: '0.00',
      line_items: [{ title: 'Widget', quantity: 2, price: '19.99', sku: 'W-1' }],
      refunds: [],
    });
    expect(body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/);
    expect(body).not.toHaveProperty('gateway');
  });

  it("echoes the connector's own writes as orders/updated", async () => {
    receiver.received.length = 0;
    await shop.gql(
      'mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }',
      {
        input: { id: `gid://shopify/Order/${orderId}`, note: 'synced' },
      },
    );
    await shop.sim.handle.deliveries.flush();
    expect(topicsOf()).toEqual(['orders/updated']);
    expect(receiver.received[0]!.json.note).toBe('synced');
  });

  it('delivers refunds/create with lines and transactions, and orders/updated under the same event', async () => {
    receiver.received.length = 0;
    const lineId = shop.sim.handle.state.orders.get(orderId)!.lineItems[0]!.id;
    const answer = await shop.admin('POST', `/orders/${orderId}/refunds`, {
      refund_line_items: [{ line_item_id: lineId, quantity: 1, restock_type: 'return' }],
      note: 'damaged',
    });
    expect(answer.status).toBe(201);
    await shop.sim.handle.deliveries.flush();
    expect(topicsOf()).toEqual(['refunds/create', 'orders/updated']);
    const [refund, updated] = receiver.received;
    expect(refund!.headers['x-shopify-event-id']).toBe(updated!.headers['x-shopify-event-id']);
    expect(refund!.raw.toString()).toContain(`"order_id":${orderId},`);
    expect(refund!.json).toMatchObject({
      note: 'damaged',
      restock: true,
      refund_line_items: [
        { quantity: 1, restock_type: 'return', subtotal: 19.99, line_item: { title: 'Widget' } },
      ],
      transactions: [{ kind: 'refund', status: 'success', gateway: 'PayTrace', amount: '19.99' }],
    });
    expect(updated!.json.financial_status).toBe('partially_refunded');
  });

  it('delivers disputes/create and disputes/update', async () => {
    receiver.received.length = 0;
    const opened = await shop.admin('POST', `/orders/${orderId}/disputes`, {
      reason: 'fraudulent',
      amount: '19.99',
    });
    const disputeId = /"dispute":\{"id":(\d+)/.exec(opened.text)![1];
    await shop.admin('PATCH', `/disputes/${disputeId}`, { status: 'won' });
    await shop.sim.handle.deliveries.flush();
    expect(topicsOf()).toEqual(['disputes/create', 'disputes/update']);
    expect(receiver.received[0]!.json).toMatchObject({
      type: 'chargeback',
      amount: '19.99',
      currency: 'USD',
      reason: 'fraudulent',
      status: 'needs_response',
      finalized_on: null,
    });
    expect(receiver.received[0]!.raw.toString()).toContain(`"order_id":${orderId},`);
    expect(receiver.received[1]!.json.status).toBe('won');
    expect(receiver.received[1]!.json.finalized_on).not.toBeNull();
  });
});

describe('subscriptions', () => {
  it('trims bodies to includeFields and uses the subscription version', async () => {
    const other = await startReceiver();
    const { body } = await shop.gql(
      `mutation($sub: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: $sub) { userErrors { message } } }`,
      { sub: { uri: other.url, includeFields: ['id', 'updated_at'] } },
      { version: '2026-01' },
    );
    expect(body.data.webhookSubscriptionCreate.userErrors).toEqual([]);
    shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
    await shop.sim.handle.deliveries.flush();
    expect(Object.keys(other.received[0]!.json)).toEqual(['id', 'updated_at']);
    expect(other.received[0]!.headers['x-shopify-api-version']).toBe('2026-01');
    await other.close();
  });

  it('can send the legacy per-topic headers', async () => {
    shop.sim.handle.settings.legacyTopicHeaders = true;
    receiver.received.length = 0;
    const order = shop.sim.handle.createOrder({
      line_items: [{ title: 'A', price: '1.00' }],
      test: true,
    });
    await shop.sim.handle.deliveries.flush();
    shop.sim.handle.settings.legacyTopicHeaders = false;
    expect(receiver.received[0]!.headers['x-shopify-order-id']).toBe(order.id);
    expect(receiver.received[0]!.headers['x-shopify-test']).toBe('true');
  });
});
