import type { FraudOrder, PaymentCheck } from './order';

/** A plain, complete Shopify-shaped order; tests override what they look at. */
export function order(overrides: Partial<FraudOrder> = {}): FraudOrder {
  return {
    id: 1,
    created_at: '2026-03-02T15:00:00Z',
    email: 'anna.smith@acme.com',
    browser_ip: '24.5.1.1',
    total_price: '60.00',
    currency: 'USD',
    billing_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
    shipping_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
    line_items: [{ sku: 'TEE-001', quantity: 1, price: '52.00' }],
    shipping_lines: [{ title: 'Standard', code: null }],
    client_details: { browser_ip: '24.5.1.1', user_agent: 'UA-1' },
    customer: { id: 7, created_at: '2026-03-02T15:00:00Z' },
    ...overrides,
  };
}

export function check(overrides: Partial<PaymentCheck> = {}): PaymentCheck {
  return {
    avs_response: 'Full Exact Match',
    csc_response: 'Match',
    masked_card: 'xxxxxxxxxxxx1111',
    customer_id: null,
    ...overrides,
  };
}
