/**
 * The keys velocity counters group by. One definition, used by the in-memory summariser and (later)
 * by the SQL that indexes past orders, so both agree on what "the same address" means.
 *
 * @module
 */
import type { FraudAddress, FraudOrder, PaymentCheck } from './order';

export function emailKey(order: FraudOrder): string | null {
  const email = order.email?.trim().toLowerCase();
  return email ? email : null;
}

export function ipOf(order: FraudOrder): string | null {
  return order.browser_ip ?? order.client_details?.browser_ip ?? null;
}

/** Normalised street + zip + country: case, spaces and punctuation do not make a new address. */
export function addressKey(address: FraudAddress | null | undefined): string | null {
  if (!address?.address1) return null;
  const norm = (s: string | null | undefined) =>
    (s ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${norm(address.address1)}|${norm(address.zip)}|${norm(address.country_code)}`;
}

/** Masked card plus vault id: the card's identity without its number. */
export function cardKey(check: PaymentCheck | null | undefined): string | null {
  // A vault profile without a masked card (PayTrace answers some vault authorizations without
  // one) is still one card on file: key it by the profile rather than invent digits.
  if (!check?.masked_card && !check?.customer_id) return null;
  return `${check.masked_card ?? ''}|${check.customer_id ?? ''}`;
}

/** A coarse device key (IP + user agent) until the storefront sends a real device id. */
export function deviceKey(order: FraudOrder): string | null {
  const ua = order.client_details?.user_agent;
  const ip = ipOf(order);
  return ua && ip ? `${ip}|${ua}` : null;
}

/** Money string to integer minor units; see `./money` (re-exported here for existing callers). */
export { toMinor } from './money';
