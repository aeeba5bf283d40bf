import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';
import { calendarVersions } from '../core/api-versions.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let orderGid: string;
let customerGid: string;

const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    id legacyResourceId name email displayFinancialStatus paymentGatewayNames canMarkAsPaid
    currencyCode tags note
    totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
    subtotalPriceSet { shopMoney { amount } }
    totalTaxSet { shopMoney { amount } }
    totalShippingPriceSet { shopMoney { amount } }
    totalDiscountsSet { shopMoney { amount } }
    totalOutstandingSet { shopMoney { amount } }
    customer { id email firstName metafield(namespace: "paytrace", key: "customer_vault_id") { value type } }
    shippingAddress { address1 city zip countryCodeV2 name }
    lineItems(first: 10) { nodes { id title quantity sku originalUnitPriceSet { shopMoney { amount } } discountedTotalSet { shopMoney { amount } } taxLines { title rate priceSet { shopMoney { amount } } } } }
    transactions { id kind status gateway amountSet { shopMoney { amount currencyCode } } parentTransaction { id } }
    metafields(first: 5) { nodes { namespace key value } }
  }
}`;

beforeAll(async () => {
  shop = await startShop();
  const customer = shop.sim.handle.createCustomer({
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    paytrace_vault_id: 'vault-ada-1',
  });
  customerGid = `gid://shopify/Customer/${customer.id}`;
  const order = shop.sim.handle.createOrder({
    customer_id: customer.id,
    gateway: 'PayTrace',
    line_items: [
      { title: 'Widget', price: '19.99', quantity: 3, sku: 'W-1' },
      { title: 'Gadget', price: '5.00', quantity: 1, taxable: false },
    ],
    tax_lines: [{ title: 'State tax', rate: '0.0825' }],
    shipping: { title: 'Ground', price: '7.50' },
    discount_codes: [{ code: 'TEN', amount: '10', type: 'percentage' }],
    shipping_address: {
      address1: '1 Main St',
      city: 'Springfield',
      zip: '85284',
      country_code: 'US',
      first_name: 'Ada',
      last_name: 'Lovelace',
    },
    tags: 'vip, wholesale',
  });
  orderGid = `gid://shopify/Order/${order.id}`;
});
afterAll(() => shop.close());

describe('order(id:)', () => {
  it('reads an order with money, customer metafield, lines, transactions', async () => {
    const { body, status } = await shop.gql(ORDER, { id: orderGid });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const order = body.data.order;
    expect(order.id).toBe(orderGid);
    expect(order.legacyResourceId).toBe(orderGid.split('/').pop());
    expect(order.name).toBe('#1001');
    expect(order.displayFinancialStatus).toBe('PENDING');
    expect(order.paymentGatewayNames).toEqual(['PayTrace']);
    expect(order.canMarkAsPaid).toBe(true);
    expect(order.tags).toEqual(['vip', 'wholesale']);
    // 3 × 19.99 + 5.00 = 64.97; 10% off = 6.50 → 58.47; tax on the taxable widget share only.
    expect(order.subtotalPriceSet.shopMoney.amount).toBe('58.47');
    expect(order.totalDiscountsSet.shopMoney.amount).toBe('6.5');
    expect(order.totalShippingPriceSet.shopMoney.amount).toBe('7.5');
    const tax = Number(order.totalTaxSet.shopMoney.amount);
    expect(order.totalPriceSet.shopMoney).toEqual({
      amount: order.totalOutstandingSet.shopMoney.amount,
      currencyCode: 'USD',
    });
    expect(order.totalPriceSet.presentmentMoney.currencyCode).toBe('USD');
    expect(Math.round((58.47 + 7.5 + tax) * 100)).toBe(
      Math.round(Number(order.totalPriceSet.shopMoney.amount) * 100),
    );
    expect(order.customer).toEqual({
      id: customerGid,
      email: 'ada@example.com',
      firstName: 'Ada',
      metafield: { value: 'vault-ada-1', type: 'single_line_text_field' },
    });
    expect(order.shippingAddress).toEqual({
      address1: '1 Main St',
      city: 'Springfield',
      zip: '85284',
      countryCodeV2: 'US',
      name: 'Ada Lovelace',
    });
    expect(order.lineItems.nodes[0]).toMatchObject({
      title: 'Widget',
      quantity: 3,
      sku: 'W-1',
      originalUnitPriceSet: { shopMoney: { amount: '19.99' } },
      taxLines: [{ title: 'State tax', rate: 0.0825 }],
    });
    expect(order.lineItems.nodes[1].taxLines).toEqual([]);
    expect(order.transactions).toEqual([]);
  });

  it('answers null for an unknown order and for an id of another type', async () => {
    const unknown = await shop.gql(ORDER, { id: 'gid://shopify/Order/1' });
    expect(unknown.body.data.order).toBeNull();
    const other = await shop.gql(ORDER, { id: customerGid });
    expect(other.body.data.order).toBeNull();
  });

  it("refuses a malformed global id with Shopify's error", async () => {
    const { body } = await shop.gql('{ order(id: "123") { id } }');
    expect(body.data).toEqual({ order: null });
    expect(body.errors[0]).toMatchObject({
      message: "Invalid global id '123'",
      path: ['order'],
      extensions: { code: 'argumentLiteralsIncompatible' },
    });
  });

  it('lists transactions after payment, with parent links for captures', async () => {
    const order = shop.sim.handle.createOrder({
      line_items: [{ title: 'A', price: '10.00' }],
      gateway: 'bogus',
      financial_status: 'authorized',
    });
    const id = `gid://shopify/Order/${order.id}`;
    await shop.gql(
      'mutation($id: ID!) { orderMarkAsPaid(input: {id: $id}) { userErrors { message } } }',
      { id },
    );
    const { body } = await shop.gql(ORDER, { id });
    const [auth, capture] = body.data.order.transactions;
    expect(auth).toMatchObject({ kind: 'AUTHORIZATION', status: 'SUCCESS', gateway: 'bogus' });
    expect(capture).toMatchObject({
      kind: 'CAPTURE',
      status: 'SUCCESS',
      amountSet: { shopMoney: { amount: '10.0', currencyCode: 'USD' } },
      parentTransaction: { id: auth.id },
    });
    expect(body.data.order.displayFinancialStatus).toBe('PAID');
  });
});

describe('the 60-day window', () => {
  it('hides orders older than 60 days without read_all_orders', async () => {
    const order = shop.sim.handle.createOrder({ line_items: [{ title: 'Old', price: '1.00' }] });
    const id = `gid://shopify/Order/${order.id}`;
    shop.sim.handle.advanceClock(61 * 86_400_000);
    shop.sim.handle.settings.readAllOrders = false;
    const hidden = await shop.gql('query($id: ID!) { order(id: $id) { id } }', { id });
    const list = await shop.gql(`{ orders(first: 5, query: "id:${order.id}") { nodes { id } } }`);
    shop.sim.handle.settings.readAllOrders = true;
    expect(hidden.body.data.order).toBeNull();
    expect(list.body.data.orders.nodes).toEqual([]);
    const shown = await shop.gql('query($id: ID!) { order(id: $id) { id } }', { id });
    expect(shown.body.data.order.id).toBe(id);
  });
});

describe('customer(id:)', () => {
  it('reads a customer with metafields', async () => {
    const { body } = await shop.gql(
      `query($id: ID!) { customer(id: $id) { id displayName email numberOfOrders
        metafields(first: 5, namespace: "paytrace") { nodes { key value } } } }`,
      { id: customerGid },
    );
    expect(body.data.customer).toEqual({
      id: customerGid,
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      numberOfOrders: '1',
      metafields: { nodes: [{ key: 'customer_vault_id', value: 'vault-ada-1' }] },
    });
  });

  it('finds customers by email', async () => {
    shop.sim.handle.createCustomer({ email: 'no-vault@example.com' });
    const { body } = await shop.gql(
      '{ customers(first: 5, query: "email:no-vault@example.com") { nodes { email metafield(namespace: "paytrace", key: "customer_vault_id") { value } } } }',
    );
    expect(body.data.customers.nodes).toEqual([{ email: 'no-vault@example.com', metafield: null }]);
  });
});

describe('refunds', () => {
  it("lists an order's refunds with their lines and transactions", async () => {
    const order = shop.sim.handle.createOrder({
      line_items: [{ title: 'Mug', price: '12.00', quantity: 2 }],
      gateway: 'PayTrace',
      financial_status: 'paid',
    });
    shop.sim.handle.createRefund(order.id, {
      refund_line_items: [{ line_item_id: order.lineItems[0]!.id, quantity: 1 }],
      note: 'broken',
    });
    const { body } = await shop.gql(
      `query($id: ID!) { order(id: $id) { displayFinancialStatus totalRefundedSet { shopMoney { amount } }
        refunds { id note totalRefundedSet { shopMoney { amount } }
          refundLineItems(first: 5) { nodes { quantity lineItem { title } subtotalSet { shopMoney { amount } } } }
          transactions(first: 5) { nodes { kind gateway amountSet { shopMoney { amount } } parentTransaction { kind } } } } } }`,
      { id: `gid://shopify/Order/${order.id}` },
    );
    const data = body.data.order;
    expect(data.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect(data.totalRefundedSet.shopMoney.amount).toBe('12.0');
    expect(data.refunds).toHaveLength(1);
    expect(data.refunds[0]).toMatchObject({
      note: 'broken',
      refundLineItems: {
        nodes: [
          {
            quantity: 1,
            lineItem: { title: 'Mug' },
            subtotalSet: { shopMoney: { amount: '12.0' } },
          },
        ],
      },
      transactions: {
        nodes: [{ kind: 'REFUND', gateway: 'PayTrace', parentTransaction: { kind: 'SALE' } }],
      },
    });
    const again = await shop.gql('query($id: ID!) { refund(id: $id) { id order { name } } }', {
      id: data.refunds[0].id,
    });
    expect(again.body.data.refund.order.name).toBe(`#${order.number}`);
  });
});

describe('errors and transport', () => {
  it("answers 401 with Shopify's body without a valid token", async () => {
    for (const token of [null, 'shpat_wrong']) {
      const answer = await shop.gql('{ shop { name } }', undefined, { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
  });

  it('answers validation errors at HTTP 200 with locations and cost', async () => {
    const answer = await shop.gql('{ shop { nope } }');
    expect(answer.status).toBe(200);
    expect(answer.body.errors[0].message).toContain('nope');
    expect(answer.body.errors[0].locations).toBeDefined();
    expect(answer.body.extensions.cost.requestedQueryCost).toBe(0);
  });

  it('answers 400 without a query', async () => {
    const response = await fetch(`${shop.sim.url}/admin/api/2025-10/graphql.json`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-access-token': 'shpat_00000000000000000000000000demo',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: { query: 'Required parameter missing or invalid' },
    });
  });

  it('falls forward from an unserved version and says which one answered', async () => {
    const answer = await shop.gql('{ shop { name } }', undefined, { version: '2023-01' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-shopify-api-version')).toBe(
      calendarVersions(shop.sim.handle.now())[0],
    );
    const bad = await shop.gql('{ shop { name } }', undefined, { version: '2025-13' });
    expect(bad.status).toBe(404);
  });

  it('accepts application/graphql bodies', async () => {
    const response = await fetch(`${shop.sim.url}/admin/api/2025-10/graphql.json`, {
      method: 'POST',
      headers: {
        'content-type': 'application/graphql',
        'x-shopify-access-token': 'shpat_00000000000000000000000000demo',
      },
      body: '{ shop { currencyCode } }',
    });
    expect(((await response.json()) as any).data.shop.currencyCode).toBe('USD');
  });

  it('resolves nodes by global id', async () => {
    const { body } = await shop.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', {
      ids: [orderGid, customerGid, 'gid://shopify/Order/42'],
    });
    expect(body.data.nodes).toEqual([
      { __typename: 'Order', id: orderGid },
      { __typename: 'Customer', id: customerGid },
      null,
    ]);
  });
});
