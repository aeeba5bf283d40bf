import { describe, expect, it } from 'vitest';
import { matchesGateways } from './gateway-filter';

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
});
