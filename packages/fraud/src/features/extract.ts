/**
 * Order -> feature vector. Pure and browser-safe: the IP's country is resolved by the caller (see
 * `ipCountry` in `../server`) and passed in the context, and the history arrives as a summary, so
 * this function reads nothing but its arguments. Every feature is a raw, operator-readable number
 * (a count, a flag, a ratio); the model's artefact says how each is transformed.
 *
 * @module
 */
import type { FraudOrder, HistorySummary, PaymentCheck } from '../order';
import { ipOf, toMinor, addressKey } from '../keys';
import { emailSignals } from './email';
import { avsClass, cscClass } from './payment-check';
import { localHour } from './local-time';
import { FEATURE_NAMES, type FeatureName } from './catalogue';

export interface FeatureContext {
  /** ISO 3166 alpha-2 country of the order's IP, null when unknown or no IP. */
  ipCountry: string | null;
  /** The store's IANA time zone, for the local hour. */
  storeTimeZone: string;
}

/**
 * The order's ISO 4217 currency, carried beside the features (under a symbol, so it is no
 * feature: the model, `Object.keys` and JSON never see it) for reasons that name money.
 */
export const ORDER_CURRENCY: unique symbol = Symbol('paybridge.fraud.orderCurrency');

export type FeatureVector = Record<FeatureName, number> & { [ORDER_CURRENCY]?: string };

const DAY_MS = 86_400_000;
const EXPRESS = /express|overnight|next[ -]?day|priority|1[ -]?day/i;

function differ(a: string | null | undefined, b: string | null | undefined): number {
  return a && b && a.toUpperCase() !== b.toUpperCase() ? 1 : 0;
}

function daysBetween(from: string | null, to: string): number | null {
  if (!from) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isFinite(ms) ? Math.max(0, ms / DAY_MS) : null;
}

/**
 * The features of one order. Missing data never reads as good evidence: no IP gives
 * `ip_country_unknown = 1`, no payment answer gives the `*_missing` classes, no email gives
 * `email_missing = 1`.
 */
export function extractFeatures(
  order: FraudOrder,
  check: PaymentCheck | null | undefined,
  history: HistorySummary,
  context: FeatureContext,
): FeatureVector {
  const v = history.velocity;
  const billing = order.billing_address?.country_code ?? null;
  const shipping = order.shipping_address?.country_code ?? null;
  const email = emailSignals(order.email);
  const avs = avsClass(check?.avs_response);
  const csc = cscClass(check?.csc_response);
  const amount = toMinor(order.total_price, order.currency);
  const customerAge = daysBetween(
    history.customer.firstSeenAt ?? order.customer?.created_at ?? null,
    order.created_at,
  );
  const emailAge = daysBetween(history.emailFirstSeenAt, order.created_at);
  const isFirstOrder = history.customer.priorOrders === 0;
  const hour = localHour(order.created_at, context.storeTimeZone);
  const shipTitle = (order.shipping_lines ?? []).map((l) => `${l.title ?? ''} ${l.code ?? ''}`);
  const sameBillingShipping =
    addressKey(order.billing_address) !== null &&
    addressKey(order.billing_address) === addressKey(order.shipping_address);

  const ipAbroad = differ(context.ipCountry, billing);
  const newAddress = !isFirstOrder && !history.customer.shippingAddressSeenBefore ? 1 : 0;
  const first = isFirstOrder ? 1 : 0;
  const express = shipTitle.some((t) => EXPRESS.test(t)) ? 1 : 0;
  const maxQuantity = Math.max(0, ...order.line_items.map((l) => l.quantity));
  const f: FeatureVector = {
    email_orders_1h: v.email.h1.orders,
    email_orders_24h: v.email.h24.orders,
    email_orders_7d: v.email.d7.orders,
    email_cards_24h: v.email.h24.distinctCards,
    ip_orders_1h: v.ip.h1.orders,
    ip_orders_24h: v.ip.h24.orders,
    ip_orders_7d: v.ip.d7.orders,
    ip_cards_24h: v.ip.h24.distinctCards,
    ip_failed_24h: v.ip.h24.failedAttempts,
    burst_attempts_1h: Math.max(
      v.ip.h1.orders + v.ip.h1.failedAttempts,
      v.card.h1.orders + v.card.h1.failedAttempts,
    ),
    card_orders_24h: v.card.h24.orders,
    card_failed_24h: v.card.h24.failedAttempts,
    shipping_address_orders_7d: v.shippingAddress.d7.orders,
    shipping_address_cards_7d: v.shippingAddress.d7.distinctCards,
    device_orders_24h: v.device.h24.orders,
    billing_shipping_country_differ: differ(billing, shipping),
    billing_shipping_address_differ: sameBillingShipping ? 0 : 1,
    ip_billing_country_differ: ipAbroad,
    ip_shipping_country_differ: differ(context.ipCountry, shipping),
    ip_country_unknown: context.ipCountry ? 0 : 1,
    avs_full: avs === 'full' ? 1 : 0,
    avs_partial: avs === 'partial' ? 1 : 0,
    avs_no_match: avs === 'none' ? 1 : 0,
    avs_unavailable: avs === 'unavailable' || avs === 'missing' ? 1 : 0,
    csc_mismatch: csc === 'mismatch' ? 1 : 0,
    csc_unverified: csc === 'unverified' || csc === 'missing' ? 1 : 0,
    email_missing: email ? 0 : 1,
    email_disposable: email?.disposable ? 1 : 0,
    email_free_mail: email?.freeMail ? 1 : 0,
    email_local_digits: email?.localDigits ?? 0,
    email_new: emailAge === null || emailAge < 1 ? 1 : 0,
    amount,
    amount_vs_store_median:
      history.storeMedianAmountMinor && history.storeMedianAmountMinor > 0
        ? amount / history.storeMedianAmountMinor
        : 1,
    amount_vs_customer_p90:
      history.customer.amountP90Minor && history.customer.amountP90Minor > 0
        ? amount / history.customer.amountP90Minor
        : 1,
    max_sku_quantity: maxQuantity,
    gift_card: order.line_items.some((l) => l.gift_card) ? 1 : 0,
    express_first_order: first * express,
    customer_first_order: first,
    customer_prior_orders: history.customer.priorOrders,
    customer_age_days: customerAge ?? 0,
    customer_prior_chargebacks: history.customer.priorChargebacks,
    customer_prior_refunds: history.customer.priorRefunds,
    new_shipping_address_returning: newAddress,
    first_order_avs_failed: first * (avs === 'none' || avs === 'partial' ? 1 : 0),
    first_order_ip_abroad: first * ipAbroad,
    first_order_bulk: first * (maxQuantity >= 3 ? 1 : 0),
    first_order_shared_address_cards: first * v.shippingAddress.d7.distinctCards,
    express_elsewhere_first_order: first * express * (sameBillingShipping ? 0 : 1),
    new_address_ip_abroad: newAddress * ipAbroad,
    new_address_csc_unchecked: newAddress * (csc === 'unverified' || csc === 'missing' ? 1 : 0),
    night_hour: hour !== null && hour < 6 ? 1 : 0,
    [ORDER_CURRENCY]: order.currency,
  };
  return f;
}

/** The vector in the catalogue's order, as the model consumes it. */
export function toArray(features: FeatureVector): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

/** The IP the order came from (exported for callers resolving `ipCountry`). */
export { ipOf };
