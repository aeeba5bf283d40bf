import { describe, expect, it } from 'vitest';
import { paytracePayLinkNode } from './definition';
import { payLinkFacts } from './order-defaults';

const shopifyOrder = {
  topic: 'orders/create',
  shopDomain: 'lovelace.myshopify.com',
  body: {
    id: '820982911946154508',
    currency: 'USD',
    total_price: '61.00',
    total_outstanding: '59.50',
    line_items: [
      { title: 'Punch cards', quantity: 3, price: '10.00' },
      { title: 'Brass gear', quantity: 1, price: '31.00' },
    ],
  },
};

const parse = (config: unknown) => paytracePayLinkNode.config.parse(config);

describe('pay link defaults', () => {
  it('come from the Shopify order: id, outstanding amount, currency, lines, store', () => {
    expect(payLinkFacts(parse({ connectionId: 'c' }), shopifyOrder)).toEqual({
      orderRef: '820982911946154508',
      amountMinor: 5950,
      currency: 'USD',
      shopName: 'lovelace.myshopify.com',
      lines: [
        { title: 'Punch cards', quantity: 3, amountMinor: 3000 },
        { title: 'Brass gear', quantity: 1, amountMinor: 3100 },
      ],
    });
  });

  it('yield to the node’s own values', () => {
    const facts = payLinkFacts(
      parse({
        connectionId: 'c',
        orderRef: 1001,
        amount: 1250,
        currency: 'EUR',
        shopName: 'Shop',
        lines: [{ title: 'Gift card', amount: 1250 }],
      }),
      shopifyOrder,
    );
    expect(facts).toEqual({
      orderRef: '1001',
      amountMinor: 1250,
      currency: 'EUR',
      shopName: 'Shop',
      lines: [{ title: 'Gift card', quantity: 1, amountMinor: 1250 }],
    });
  });

  it('refuse a link without an order or an amount, naming what is missing', () => {
    expect(() => payLinkFacts(parse({ connectionId: 'c', amount: 5 }), {})).toThrow(
      /no order reference/,
    );
    expect(() => payLinkFacts(parse({ connectionId: 'c', orderRef: 'A1' }), {})).toThrow(
      /no amount to pay/,
    );
  });

  it('expire after 72 hours unless set, at most 30 days', () => {
    expect(parse({ connectionId: 'c' }).expiresInHours).toBe(72);
    expect(
      paytracePayLinkNode.config.safeParse({ connectionId: 'c', expiresInHours: 721 }).success,
    ).toBe(false);
    expect(paytracePayLinkNode.config.safeParse({ connectionId: 'c', amount: 1.5 }).success).toBe(
      false,
    );
  });
});
