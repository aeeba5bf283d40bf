import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_VERSION, startReceiver, startShop } from '../test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const idIn = (text: string, key: string) => new RegExp(`"${key}":\\{"id":(\\d+)`).exec(text)![1]!;

beforeAll(async () => {
  shop = await startShop({ settings: { autoDeliver: false } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await shop.close();
  await receiver.close();
});

describe('customers', () => {
  it('creates customers with and without a PayTrace vault id', async () => {
    const vaulted = await shop.admin('POST', '/customers', {
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@example.com',
      paytrace_vault_id: 'pt-cust-1',
      address: { address1: '1 Navy Way', city: 'Arlington', zip: '22201', country_code: 'US' },
    });
    expect(vaulted.status).toBe(201);
    expect(vaulted.body.customer).toMatchObject({
      first_name: 'Grace',
      email: 'grace@example.com',
      default_address: { address1: '1 Navy Way', default: true },
      metafields: [
        {
          namespace: 'paytrace',
          key: 'customer_vault_id',
          value: 'pt-cust-1',
          type: 'single_line_text_field',
        },
      ],
    });
    const plain = await shop.admin('POST', '/customers', { email: 'new@example.com' });
    expect(plain.body.customer.metafields).toEqual([]);
    const id = idIn(vaulted.text, 'customer');
    expect((await shop.admin('GET', `/customers/${id}`)).body.customer.email).toBe(
      'grace@example.com',
    );
  });

  it('refuses a duplicate email with 422 in REST error shape', async () => {
    const again = await shop.admin('POST', '/customers', { email: 'GRACE@example.com' });
    expect(again.status).toBe(422);
    expect(again.body).toEqual({ errors: { email: ['has already been taken'] } });
  });
});

describe('orders', () => {
  it('places an order with lines, tax, shipping, discount, currency and a manual gateway', async () => {
    const placed = await shop.admin('POST', '/orders', {
      email: 'buyer@example.com',
      currency: 'EUR',
      gateway: 'PayTrace',
      line_items: [{ title: 'Tea', price: '8.00', quantity: 3 }],
      tax_lines: [{ title: 'VAT', rate: '0.2' }],
      taxes_included: true,
      shipping: { title: 'Courier', price: '4.00' },
      discount_codes: [{ code: 'TWO', amount: '2.00', type: 'fixed_amount' }],
      note_attributes: [{ name: 'channel', value: 'phone' }],
    });
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({
      currency: 'EUR',
      financial_status: 'pending',
      payment_gateway_names: ['PayTrace'],
      subtotal_price: '22.00',
      total_price: '26.00',
      total_tax: '3.67',
      total_outstanding: '26.00',
      taxes_included: true,
      note_attributes: [{ name: 'channel', value: 'phone' }],
      transactions: [],
    });
  });

  it('answers 422 for bad input and 404 for unknown orders', async () => {
    const bad = await shop.admin('POST', '/orders', { line_items: [], financial_status: 'maybe' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['financial_status', 'line_items']);
    expect((await shop.admin('GET', '/orders/1')).status).toBe(404);
    expect((await shop.admin('POST', '/orders/1/refunds', {})).status).toBe(404);
  });

  it('places many orders at once', async () => {
    const many = await shop.admin('POST', '/orders', {
      count: 30,
      line_items: [{ title: 'A', price: '1.00' }],
    });
    expect(many.status).toBe(201);
    expect(many.body.count).toBe(30);
    expect(many.text).toMatch(/"ids":\[\d+,/);
  });

  it('records payments, cancels and voids', async () => {
    const a = await shop.admin('POST', '/orders', {
      line_items: [{ title: 'A', price: '10.00' }],
      gateway: 'PayTrace',
    });
    const id = idIn(a.text, 'order');
    const paid = await shop.admin('POST', `/orders/${id}/payments`, {
      amount: '4.00',
      gateway: 'PayTrace',
    });
    expect(paid.body.order.financial_status).toBe('partially_paid');
    const cancelled = await shop.admin('POST', `/orders/${id}/cancel`, { reason: 'customer' });
    expect(cancelled.body.order).toMatchObject({ cancel_reason: 'customer' });
    expect((await shop.admin('POST', `/orders/${id}/cancel`, {})).status).toBe(422);
    const b = await shop.admin('POST', '/orders', {
      line_items: [{ title: 'B', price: '5.00' }],
      financial_status: 'authorized',
      gateway: 'bogus',
    });
    const voided = await shop.admin('POST', `/orders/${idIn(b.text, 'order')}/void`, {});
    expect(voided.body.order.financial_status).toBe('voided');
  });
});

describe('webhook subscriptions and payment echoes', () => {
  it('subscribes, lists and deletes through the admin API', async () => {
    const created = await shop.admin('POST', '/webhooks', {
      topic: 'orders/paid',
      address: receiver.url,
    });
    expect(created.body.webhook).toMatchObject({
      topic: 'orders/paid',
      address: receiver.url,
      api_version: CURRENT_VERSION,
    });
    await shop.admin('POST', '/webhooks', { topic: 'orders/updated', address: receiver.url });
    expect((await shop.admin('GET', '/webhooks')).body.webhooks).toHaveLength(2);
    const bad = await shop.admin('POST', '/webhooks', {
      topic: 'orders/exploded',
      address: receiver.url,
    });
    expect(bad.status).toBe(422);
  });

  it('fires orders/paid and orders/updated under one event when marked paid, not on partial payment', async () => {
    const order = shop.sim.handle.createOrder({
      line_items: [{ title: 'A', price: '10.00' }],
      gateway: 'PayTrace',
    });
    receiver.received.length = 0;
    shop.sim.handle.addPayment(order.id, { amount: '3.00' });
    await shop.sim.handle.deliveries.flush();
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/updated']);
    receiver.received.length = 0;
    await shop.gql(
      'mutation($id: ID!) { orderMarkAsPaid(input: {id: $id}) { userErrors { message } } }',
      {
        id: `gid://shopify/Order/${order.id}`,
      },
    );
    await shop.sim.handle.deliveries.flush();
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual([
      'orders/paid',
      'orders/updated',
    ]);
    expect(receiver.received[0]!.headers['x-shopify-event-id']).toBe(
      receiver.received[1]!.headers['x-shopify-event-id'],
    );
    expect(receiver.received[0]!.json.financial_status).toBe('paid');
  });

  it('can fire orders/paid on partial payments too (setting)', async () => {
    await shop.admin('PATCH', '/settings', { ordersPaidOnPartialPayment: true });
    const order = shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '10.00' }] });
    receiver.received.length = 0;
    shop.sim.handle.addPayment(order.id, { amount: '3.00' });
    await shop.sim.handle.deliveries.flush();
    await shop.admin('PATCH', '/settings', { ordersPaidOnPartialPayment: false });
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual([
      'orders/paid',
      'orders/updated',
    ]);
  });
});

describe('control', () => {
  it('shows the shop and demo credentials', async () => {
    const { body } = await shop.admin('GET', '/shop');
    expect(body).toMatchObject({
      shop_domain: 'paybridge-demo.myshopify.com',
      client_id: 'paybridge-demo-client-id',
      plan: 'standard',
      bucket: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it('changes settings and refuses unknown ones', async () => {
    const changed = await shop.admin('PATCH', '/settings', { plan: 'advanced', dropRate: 0.1 });
    expect(changed.body).toMatchObject({ plan: 'advanced', dropRate: 0.1 });
    expect((await shop.admin('GET', '/shop')).body.bucket).toEqual({
      maximumAvailable: 4000,
      restoreRate: 200,
    });
    await shop.admin('PATCH', '/settings', { plan: 'standard', dropRate: 0 });
    const unknown = await shop.admin('PATCH', '/settings', { colour: 'red' });
    expect(unknown.status).toBe(422);
  });

  it('moves the clock', async () => {
    const before = shop.sim.handle.now();
    const { body } = await shop.admin('POST', '/clock', { advance_seconds: 3600 });
    expect(Date.parse(body.now)).toBeGreaterThanOrEqual(before + 3_600_000);
  });
});
