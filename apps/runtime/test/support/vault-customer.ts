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
