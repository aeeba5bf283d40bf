/**
 * Small builders shared by the REST-shaped payloads: decimal strings, `*_set` money twins
 * (`shop_money` and `presentment_money`), timestamps in the shop offset, addresses, tax lines.
 * @module
 */
import type { ShopContext } from '../context.js';
import { formatFixed } from '../core/money.js';
import { isoWithOffset } from '../core/time.js';
import { rawInt } from '../core/raw-json.js';
import { fullName } from '../store/addresses.js';
import type { SimAddress, SimTaxLine } from '../store/records.js';

/** A REST money amount (`"199.00"`). */
export function amount(minor: number, currency: string): string {
  return formatFixed(minor, currency);
}

/** A REST `*_set` object; shop and presentment currency are the same in the simulator. */
export function moneySet(minor: number, currency: string) {
  const money = { amount: formatFixed(minor, currency), currency_code: currency };
  return { shop_money: money, presentment_money: { ...money } };
}

/** A REST timestamp in the shop's offset, or `null`. */
export function at(sim: ShopContext, ms: number | null): string | null {
  return ms === null ? null : isoWithOffset(ms, sim.settings.utcOffsetMinutes);
}

/** A REST address (order billing/shipping form), or `null`. */
export function address(value: SimAddress | null) {
  if (!value) return null;
  return {
    first_name: value.first_name,
    address1: value.address1,
    phone: value.phone,
    city: value.city,
    zip: value.zip,
    province: value.province,
    country: value.country,
    last_name: value.last_name,
    address2: value.address2,
    company: value.company,
    latitude: null,
    longitude: null,
    name: fullName(value.first_name, value.last_name),
    country_code: value.country_code,
    province_code: value.province_code,
  };
}

/** A customer's default address, with its id and the customer id. */
export function customerAddress(value: SimAddress | null, customerId: string) {
  if (!value) return null;
  return {
    id: rawInt(value.id),
    customer_id: rawInt(customerId),
    ...address(value),
    country_name: value.country,
    default: true,
  };
}

/** REST tax lines (`rate` is a JSON number there). */
export function taxLines(lines: SimTaxLine[], currency: string) {
  return lines.map((t) => ({
    channel_liable: false,
    price: amount(t.priceMinor, currency),
    price_set: moneySet(t.priceMinor, currency),
    rate: Number(t.rate),
    title: t.title,
  }));
}
