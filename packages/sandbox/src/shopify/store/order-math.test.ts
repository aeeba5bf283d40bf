import { describe, expect, it } from 'vitest';
import { createShopifySimulator } from '../simulator.js';
import { financialStatus, orderPayments, orderTotals } from './order-math.js';

function store() {
  const sim = createShopifySimulator({ settings: { autoDeliver: false } });
  return {
    handle: sim.handle,
    payments: (id: string) => orderPayments(sim.handle.state, sim.handle.state.orders.get(id)!),
  };
}

describe('order totals', () => {
  it('adds tax on top of discounted lines and shipping', () => {
    const { handle } = store();
    const order = handle.createOrder({
      line_items: [{ title: 'A', price: '100.00', quantity: 2 }],
      discount_codes: [{ code: 'FIVE', amount: '5.00', type: 'fixed_amount' }],
      shipping_lines: [
        { title: 'Post', price: '10.00', tax_lines: [{ title: 'VAT', rate: '0.1' }] },
      ],
      tax_lines: [{ title: 'VAT', rate: '0.1' }],
    });
    expect(orderTotals(order)).toEqual({
      lineItems: 20000,
      discounts: 500,
      subtotal: 19500,
      shipping: 1000,
      tax: 1950 + 100,
      total: 19500 + 1000 + 2050,
    });
  });

  it('finds the tax inside prices when taxes are included', () => {
    const { handle } = store();
    const order = handle.createOrder({
      line_items: [{ title: 'A', price: '120.00' }],
      tax_lines: [{ title: 'VAT', rate: '0.2' }],
      taxes_included: true,
    });
    expect(orderTotals(order)).toMatchObject({ tax: 2000, total: 12000 });
  });

  it('uses zero-decimal currencies in whole units', () => {
    const { handle } = store();
    const order = handle.createOrder({
      currency: 'JPY',
      line_items: [{ title: 'A', price: '1500', quantity: 3 }],
    });
    expect(orderTotals(order).total).toBe(4500);
  });

  it('refuses amounts the currency cannot hold', () => {
    const { handle } = store();
    expect(() => handle.createOrder({ line_items: [{ title: 'A', price: '1.005' }] })).toThrow(
      /price/,
    );
    expect(() =>
      handle.createOrder({ currency: 'XXX', line_items: [{ title: 'A', price: '1' }] }),
    ).toThrow(/currency/);
  });
});

describe('money received and status', () => {
  it('walks pending → partially paid → paid → partially refunded → refunded', () => {
    const { handle, payments } = store();
    const order = handle.createOrder({
      line_items: [{ title: 'A', price: '50.00' }],
      gateway: 'PayTrace',
    });
    const status = () => financialStatus(payments(order.id));
    expect(status()).toBe('PENDING');
    handle.addPayment(order.id, { amount: '20.00', gateway: 'PayTrace' });
    expect(status()).toBe('PARTIALLY_PAID');
    expect(payments(order.id).outstanding).toBe(3000);
    handle.addPayment(order.id);
    expect(status()).toBe('PAID');
    expect(() => handle.addPayment(order.id, { amount: '1.00' })).toThrow(/remaining balance/);
    handle.createRefund(order.id, { amount: '10.00' });
    expect(status()).toBe('PARTIALLY_REFUNDED');
    expect(payments(order.id).outstanding).toBe(0);
    handle.createRefund(order.id, { amount: '40.00' });
    expect(status()).toBe('REFUNDED');
    expect(() => handle.createRefund(order.id, { amount: '0.01' })).toThrow(
      /greater than net payment/,
    );
  });

  it('refunds goods of an unpaid order without money, lowering what is owed', () => {
    const { handle, payments } = store();
    const order = handle.createOrder({ line_items: [{ title: 'A', price: '10.00', quantity: 3 }] });
    const refund = handle.createRefund(order.id, {
      refund_line_items: [{ line_item_id: order.lineItems[0]!.id, quantity: 1 }],
    });
    expect(refund.transactionIds).toEqual([]);
    expect(payments(order.id)).toMatchObject({ currentTotal: 2000, outstanding: 2000 });
    expect(() =>
      handle.createRefund(order.id, {
        refund_line_items: [{ line_item_id: order.lineItems[0]!.id, quantity: 3 }],
      }),
    ).toThrow(/between 1 and 2/);
  });
});
