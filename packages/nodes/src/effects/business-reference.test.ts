import { describe, expect, it } from 'vitest';
import { businessReference, shopifyFactsOf } from './business-reference';

const refund = {
  id: '890088186047892319',
  admin_graphql_api_id: 'gid://shopify/Refund/890088186047892319',
  order_id: '820982911946154508',
  refund_line_items: [],
  transactions: [
    { kind: 'refund', status: 'success', amount: '10.00', currency: 'USD' },
    { kind: 'refund', status: 'failure', amount: '99.00', currency: 'USD' },
    { kind: 'refund', status: 'success', amount: '0.50', currency: 'USD' },
  ],
};

describe('shopifyFactsOf', () => {
  it('reads a refund event: order, refund and what Shopify refunded', () => {
    const event = { topic: 'refunds/create', source: 'webhook', body: refund };
    expect(shopifyFactsOf(event)).toEqual({
      orderId: '820982911946154508',
      refundId: '890088186047892319',
      refunded: { minor: 1050, currency: 'USD' },
    });
    // The same refund pasted as a bare body into a manual run.
    expect(shopifyFactsOf(refund)).toEqual(shopifyFactsOf(event));
  });

  it('reads an order event, and nothing from other triggers', () => {
    const order = { id: '820982911946154508', line_items: [] };
    expect(shopifyFactsOf({ topic: 'orders/create', body: order }).orderId).toBe(
      '820982911946154508',
    );
    expect(shopifyFactsOf(order).orderId).toBe('820982911946154508');
    expect(shopifyFactsOf({ topic: 'disputes/create', body: order }).orderId).toBeNull();
    expect(shopifyFactsOf({ body: { customer: 'c', cents: 100 } }).orderId).toBeNull();
    // An id already rounded by a JSON number is no reference.
    expect(shopifyFactsOf({ id: 820982911946154500, line_items: [] }).orderId).toBeNull();
  });
});

describe('businessReference', () => {
  const shopify = { orderId: '7', refundId: '9', refunded: null };
  it('scopes the fact by connector, connection and operation', () => {
    const base = { connector: 'paytrace', connectionId: 'c1', shopify };
    expect(businessReference({ ...base, operation: 'sale' })).toBe('paytrace:c1:sale:order:7');
    expect(businessReference({ ...base, operation: 'refund', perRefund: true })).toBe(
      'paytrace:c1:refund:order:7:refund:9',
    );
    expect(businessReference({ ...base, operation: 'sale', custom: 'inv-1' })).toBe(
      'paytrace:c1:sale:ref:inv-1',
    );
    expect(
      businessReference({
        ...base,
        operation: 'sale',
        shopify: { orderId: null, refundId: null, refunded: null },
      }),
    ).toBeNull();
  });
});
