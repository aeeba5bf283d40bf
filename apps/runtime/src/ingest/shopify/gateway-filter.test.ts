import { describe, expect, it } from 'vitest';
import { gatewaysOf, matchesGateways, orderIdNeededForGateways } from './gateway-filter';

describe('matchesGateways', () => {
  const paytraceOrder = { id: '1', payment_gateway_names: ['PayTrace'] };
  const shopifyPaymentsOrder = { id: '2', payment_gateway_names: ['shopify_payments'] };

  it('takes everything without a filter', () => {
    expect(matchesGateways(shopifyPaymentsOrder, [])).toBe(true);
    expect(matchesGateways({ id: '3' }, [])).toBe(true);
  });

  it("matches an order's gateway names, ignoring case and spaces", () => {
    expect(matchesGateways(paytraceOrder, [' paytrace '])).toBe(true);
    expect(matchesGateways(shopifyPaymentsOrder, ['PayTrace'])).toBe(false);
  });

  it("matches a refund by its transactions' gateways, and refuses what names none", () => {
    const refund = { id: '9', transactions: [{ gateway: 'PayTrace', amount: '5.00' }] };
    expect(matchesGateways(refund, ['PayTrace'])).toBe(true);
    expect(matchesGateways({ id: '9', transactions: [] }, ['PayTrace'])).toBe(false);
    expect(matchesGateways({ id: '7', status: 'needs_response' }, ['PayTrace'])).toBe(false);
  });

  it('filters a refund of a marked-paid order by the gateways its order named', () => {
    // orderMarkAsPaid records the sale through `manual`; the refund goes back through it.
    const refund = {
      id: '9',
      order_id: '820982911946154508',
      transactions: [{ gateway: 'manual', kind: 'refund', amount: '10.00' }],
    };
    expect(orderIdNeededForGateways(refund)).toBe('820982911946154508');
    expect(matchesGateways(refund, ['PayTrace'])).toBe(false);
    expect(matchesGateways(refund, ['PayTrace'], ['PayTrace'])).toBe(true);
    expect(matchesGateways(refund, ['PayTrace'], ['Cash on Delivery'])).toBe(false);
    expect(gatewaysOf(refund, ['PayTrace'])).toEqual(['manual', 'PayTrace']);
  });

  it("keeps a refund's own gateway when it names a real one", () => {
    const refund = { id: '9', order_id: '1', transactions: [{ gateway: 'shopify_payments' }] };
    expect(orderIdNeededForGateways(refund)).toBeNull();
    expect(matchesGateways(refund, ['PayTrace'], ['PayTrace', 'shopify_payments'])).toBe(false);
    const recorded = { id: '9', order_id: '1', transactions: [{ gateway: 'PayTrace' }] };
    expect(matchesGateways(recorded, ['paytrace'])).toBe(true);
  });

  it('falls back to the order for a refund without transactions, and never for an order', () => {
    expect(
      matchesGateways({ id: '9', order_id: '1', transactions: [] }, ['PayTrace'], ['PayTrace']),
    ).toBe(true);
    expect(orderIdNeededForGateways({ id: '1', payment_gateway_names: ['manual'] })).toBeNull();
  });
});
