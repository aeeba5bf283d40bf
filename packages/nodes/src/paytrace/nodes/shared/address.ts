/**
 * Node-config billing addresses in PayTrace's field names. Empty fields are left out rather than
 * sent blank, so PayTrace's AVS sees exactly what the flow provided.
 *
 * @module
 */
import type { RequestAddress } from '../../client/wire/scalars';
import type { BillingAddress } from './fields';

/** The address as PayTrace's `billing_address`, or `undefined` when no field is set. */
export function paytraceAddress(address: BillingAddress | undefined): RequestAddress | undefined {
  if (address === undefined) return undefined;
  const fields: RequestAddress = {
    name: address.name,
    street_address: address.streetAddress,
    street_address2: address.streetAddress2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
  };
  const present = Object.entries(fields).filter(([, value]) => value !== undefined && value !== '');
  return present.length === 0 ? undefined : (Object.fromEntries(present) as RequestAddress);
}
