import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';
import { calendarVersions } from '../core/api-versions.js';

let shop: Awaited<ReturnType<typeof startShop>>;

const MARK = `mutation($id: ID!) {
  orderMarkAsPaid(input: { id: $id }) {
    order { displayFinancialStatus canMarkAsPaid fullyPaid totalOutstandingSet { shopMoney { amount } } }
    userErrors { field message }
  }
}`;
const CAN = 'query($id: ID!) { order(id: $id) { canMarkAsPaid displayFinancialStatus } }';
const MANUAL = `mutation($id: ID!, $amount: MoneyInput, $name: String) {
  orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $name) {
    order { displayFinancialStatus totalOutstandingSet { shopMoney { amount } } totalReceivedSet { shopMoney { amount } } }
    userErrors { field message code }
  }
}`;

const gidOf = (id: string) => `gid://shopify/Order/${id}`;
const place = (extra: Record<string, unknown> = {}) =>
  gidOf(
    shop.sim.handle.createOrder({
      line_items: [{ title: 'Thing', price: '100.00' }],
      gateway: 'PayTrace',
      ...extra,
    }).id,
  );
const can = async (id: string) => (await shop.gql(CAN, { id })).body.data.order;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

describe('orderMarkAsPaid and canMarkAsPaid', () => {
  it('marks a pending manual-gateway order paid with a manual sale', async () => {
    const id = place();
    expect(await can(id)).toEqual({ canMarkAsPaid: true, displayFinancialStatus: 'PENDING' });
    const { body } = await shop.gql(MARK, { id });
    expect(body.data.orderMarkAsPaid).toEqual({
      order: {
        displayFinancialStatus: 'PAID',
        canMarkAsPaid: false,
        fullyPaid: true,
        totalOutstandingSet: { shopMoney: { amount: '0.0' } },
      },
      userErrors: [],
    });
    const sale = shop.sim.handle.state.orders.get(id.split('/').pop()!)!.transactions[0]!;
    expect(sale).toMatchObject({
      kind: 'sale',
      gateway: 'manual',
      amountMinor: 10000,
      manual: true,
    });
  });

  it('refuses an order that is already paid, with a user error and no top-level error', async () => {
    const id = place({ financial_status: 'paid' });
    expect((await can(id)).canMarkAsPaid).toBe(false);
    const { body, status } = await shop.gql(MARK, { id });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.orderMarkAsPaid.order).toBeNull();
    expect(body.data.orderMarkAsPaid.userErrors).toEqual([
      { field: ['id'], message: 'Order cannot be marked as paid.' },
    ]);
  });

  it('refuses cancelled, voided and refunded orders', async () => {
    const cancelled = place();
    shop.sim.handle.cancelOrder(cancelled.split('/').pop()!, { reason: 'customer' });
    const voided = place({ financial_status: 'authorized' });
    shop.sim.handle.voidAuthorization(voided.split('/').pop()!);
    const refunded = place({ financial_status: 'paid' });
    shop.sim.handle.createRefund(refunded.split('/').pop()!, { amount: '100.00' });
    expect(await can(cancelled)).toEqual({
      canMarkAsPaid: false,
      displayFinancialStatus: 'PENDING',
    });
    expect(await can(voided)).toEqual({ canMarkAsPaid: false, displayFinancialStatus: 'VOIDED' });
    expect(await can(refunded)).toEqual({
      canMarkAsPaid: false,
      displayFinancialStatus: 'REFUNDED',
    });
    for (const id of [cancelled, voided, refunded]) {
      const { body } = await shop.gql(MARK, { id });
      expect(body.data.orderMarkAsPaid.userErrors).toHaveLength(1);
    }
  });

  it('captures an open authorization instead of recording a new sale', async () => {
    const id = place({ financial_status: 'authorized', gateway: 'shopify_payments' });
    expect(await can(id)).toEqual({ canMarkAsPaid: true, displayFinancialStatus: 'AUTHORIZED' });
    await shop.gql(MARK, { id });
    const order = shop.sim.handle.state.orders.get(id.split('/').pop()!)!;
    expect(order.transactions.map((t) => t.kind)).toEqual(['authorization', 'capture']);
    expect(order.transactions[1]!.gateway).toBe('shopify_payments');
  });

  it('answers a user error for an unknown order', async () => {
    const { body } = await shop.gql(MARK, { id: gidOf('1') });
    expect(body.data.orderMarkAsPaid.userErrors).toEqual([
      { field: ['id'], message: 'Order does not exist' },
    ]);
  });
});

describe('orderCreateManualPayment', () => {
  it('moves through PARTIALLY_PAID to PAID with partial amounts', async () => {
    const id = place();
    const first = await shop.gql(MANUAL, {
      id,
      amount: { amount: '40.00', currencyCode: 'USD' },
      name: 'PayTrace',
    });
    expect(first.body.data.orderCreateManualPayment).toEqual({
      order: {
        displayFinancialStatus: 'PARTIALLY_PAID',
        totalOutstandingSet: { shopMoney: { amount: '60.0' } },
        totalReceivedSet: { shopMoney: { amount: '40.0' } },
      },
      userErrors: [],
    });
    expect((await can(id)).canMarkAsPaid).toBe(true);
    const rest = await shop.gql(MANUAL, { id });
    expect(rest.body.data.orderCreateManualPayment.order.displayFinancialStatus).toBe('PAID');
    const order = shop.sim.handle.state.orders.get(id.split('/').pop()!)!;
    expect(order.transactions.map((t) => [t.gateway, t.amountMinor])).toEqual([
      ['PayTrace', 4000],
      ['Other', 6000],
    ]);
  });

  it('answers coded user errors', async () => {
    const id = place();
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: { amount: '100.01', currencyCode: 'USD' } }, 'AMOUNT_EXCEEDS_BALANCE'],
      [{ amount: { amount: '0', currencyCode: 'USD' } }, 'AMOUNT_NOT_POSITIVE'],
      [{ amount: { amount: '10', currencyCode: 'EUR' } }, 'CURRENCY_MISMATCH'],
    ];
    for (const [vars, code] of cases) {
      const { body } = await shop.gql(MANUAL, { id, ...vars });
      expect(body.data.orderCreateManualPayment.userErrors[0].code).toBe(code);
    }
    const missing = await shop.gql(MANUAL, { id: gidOf('1') });
    expect(missing.body.data.orderCreateManualPayment.userErrors[0].code).toBe('ORDER_NOT_FOUND');
  });
});

describe('orderUpdate overwrites, tagsAdd merges', () => {
  const UPDATE = `mutation($input: OrderInput!) { orderUpdate(input: $input) { order { note tags customAttributes { key value } } userErrors { field message } } }`;
  const TAGS = `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { ... on Order { tags } } userErrors { message } } }`;

  it('replaces note and tags wholesale', async () => {
    const id = place({ tags: 'vip, wholesale', note: 'gift wrap' });
    const { body } = await shop.gql(UPDATE, {
      input: { id, note: 'charged via PayTrace', tags: ['paytrace-charged'] },
    });
    expect(body.data.orderUpdate).toEqual({
      order: { note: 'charged via PayTrace', tags: ['paytrace-charged'], customAttributes: [] },
      userErrors: [],
    });
  });

  it('leaves fields it was not given alone', async () => {
    const id = place({ tags: 'vip', note: 'keep me' });
    const { body } = await shop.gql(UPDATE, {
      input: { id, customAttributes: [{ key: 'pt_tx', value: '123' }] },
    });
    expect(body.data.orderUpdate.order).toEqual({
      note: 'keep me',
      tags: ['vip'],
      customAttributes: [{ key: 'pt_tx', value: '123' }],
    });
  });

  it('adds tags to the existing ones (comma lists split, duplicates dropped)', async () => {
    const id = place({ tags: 'vip' });
    const { body } = await shop.gql(TAGS, { id, tags: ['paytrace-charged, VIP', 'synced'] });
    expect(body.data.tagsAdd).toEqual({
      node: { tags: ['vip', 'paytrace-charged', 'synced'] },
      userErrors: [],
    });
    const removed = await shop.gql(
      'mutation($id: ID!) { tagsRemove(id: $id, tags: ["vip"]) { node { ... on Order { tags } } } }',
      { id },
    );
    expect(removed.body.data.tagsRemove.node.tags).toEqual(['paytrace-charged', 'synced']);
  });

  it('bumps updatedAt on every write', async () => {
    const id = place();
    const order = shop.sim.handle.state.orders.get(id.split('/').pop()!)!;
    const before = order.updatedAt;
    shop.sim.handle.advanceClock(3000);
    await shop.gql(TAGS, { id, tags: ['x'] });
    expect(order.updatedAt).toBeGreaterThanOrEqual(before + 3000);
  });

  it('answers a user error for an unknown order', async () => {
    const { body } = await shop.gql(UPDATE, { input: { id: gidOf('1'), note: 'x' } });
    expect(body.data.orderUpdate).toEqual({
      order: null,
      userErrors: [{ field: ['id'], message: 'Order does not exist' }],
    });
  });
});

describe('webhookSubscriptionCreate', () => {
  const CREATE = `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
      webhookSubscription { id topic uri format includeFields apiVersion { handle } endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
      userErrors { field message }
    }
  }`;

  it('creates a subscription with the request version, and refuses a duplicate', async () => {
    const sub = { uri: 'https://example.com/hooks', includeFields: ['id', 'updated_at'] };
    const version = calendarVersions(Date.now())[1]!;
    const { body } = await shop.gql(CREATE, { topic: 'ORDERS_PAID', sub }, { version });
    expect(body.data.webhookSubscriptionCreate.webhookSubscription).toMatchObject({
      topic: 'ORDERS_PAID',
      uri: 'https://example.com/hooks',
      format: 'JSON',
      includeFields: ['id', 'updated_at'],
      apiVersion: { handle: version },
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: 'https://example.com/hooks' },
    });
    const again = await shop.gql(CREATE, { topic: 'ORDERS_PAID', sub });
    expect(again.body.data.webhookSubscriptionCreate.userErrors).toEqual([
      {
        field: ['webhookSubscription', 'uri'],
        message: 'Address for this topic has already been taken',
      },
    ]);
  });

  it('accepts the deprecated callbackUrl and can require HTTPS', async () => {
    shop.sim.handle.settings.requireHttpsCallbacks = true;
    const { body } = await shop.gql(CREATE, {
      topic: 'ORDERS_CREATE',
      sub: { callbackUrl: 'http://example.com/h' },
    });
    shop.sim.handle.settings.requireHttpsCallbacks = false;
    expect(body.data.webhookSubscriptionCreate.userErrors).toEqual([
      {
        field: ['webhookSubscription', 'callbackUrl'],
        message: 'Address protocol http:// is not supported',
      },
    ]);
  });

  it('lists and deletes subscriptions', async () => {
    const list = await shop.gql(
      '{ webhookSubscriptions(first: 10, topics: [ORDERS_PAID]) { nodes { id topic } } }',
    );
    const [sub] = list.body.data.webhookSubscriptions.nodes;
    const deleted = await shop.gql(
      'mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }',
      { id: sub.id },
    );
    expect(deleted.body.data.webhookSubscriptionDelete).toEqual({
      deletedWebhookSubscriptionId: sub.id,
      userErrors: [],
    });
  });
});
