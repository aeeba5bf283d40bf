import { expect } from 'vitest';
import { simulatorCall, TEST_CARD } from '../paytrace-support';
import { sandboxShopify } from './sandbox-shopify';

/**
 * A shopper with a card on file, in the sandbox of the runtime at `base`: a PayTrace vault
 * profile `vaultId` holding the test card, and a Shopify customer with `email` whose
 * `paytrace_vault_id` names it (how order flows find the card to charge). Returns the Shopify
 * customer id.
 */
export async function sandboxVaultCustomer(
  base: string,
  vaultId: string,
  email: string,
): Promise<string> {
  const answer = await simulatorCall(`${base}/sandbox/paytrace`, '/v1/customer/create', {
    customer_id: vaultId,
    credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
    billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
  });
  expect(answer.response_code).toBe(160);
  const customer = await sandboxShopify(base, 'POST', '/customers', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email,
    paytrace_vault_id: vaultId,
  });
  expect(customer.status).toBe(201);
  return String(customer.body.customer.id);
}

/** A United States home address, billing and shipping alike unless a test changes it. */
export const SANDBOX_HOME = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address1: '1 Main St',
  city: 'Chandler',
  province: 'Arizona',
  zip: '85284',
  country: 'United States',
  country_code: 'US',
};

/**
 * An order of one item at `price` by `customerId` in the sandbox store, paid through PayTrace,
 * from an ordinary shopper's IP unless `extra` says otherwise.
 */
export async function placeSandboxOrder(
  base: string,
  customerId: string,
  price: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; name: string }> {
  const res = await sandboxShopify(base, 'POST', '/orders', {
    customer_id: customerId,
    gateway: 'PayTrace',
    browser_ip: '24.5.1.1',
    billing_address: SANDBOX_HOME,
    shipping_address: SANDBOX_HOME,
    line_items: [{ title: 'Tea', price, quantity: 1, sku: 'TEA-1' }],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order as { id: number; name: string };
}
