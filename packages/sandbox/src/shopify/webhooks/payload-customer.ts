/**
 * The REST Customer resource as webhook bodies and order payloads carry it (2024+ field set: no
 * `orders_count`, `total_spent` or `tags`).
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { rawInt } from '../core/raw-json.js';
import type { SimCustomer } from '../store/records.js';
import { at, customerAddress } from './rest-format.js';

/** The customer object of an order payload or a `customers/*` webhook. */
export function restCustomer(sim: ShopContext, customer: SimCustomer) {
  return {
    id: rawInt(customer.id),
    email: customer.email,
    created_at: at(sim, customer.createdAt),
    updated_at: at(sim, customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state,
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt,
    phone: customer.phone,
    currency: customer.currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid('Customer', customer.id),
    default_address: customerAddress(customer.defaultAddress, customer.id),
  };
}
