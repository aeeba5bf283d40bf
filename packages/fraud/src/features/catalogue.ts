/**
 * Every feature once: its name, how the model transforms it, and how an operator reads it. The
 * sentence is written for the direction the feature pushes the score.
 *
 * @module
 */

import { formatMoney } from '../money';

export type Transform = 'none' | 'log1p';

interface FeatureSpec {
  transform: Transform;
  /**
   * Words for the raw value, e.g. 5 -> "5 orders from this email in the last hour"; `currency`
   * is the order's ISO 4217 code, for features that are money in its minor units.
   */
  describe: (value: number, currency: string | null) => string;
}

/** "no orders", "1 order", "5 orders". */
const n = (value: number, one: string, many: string) =>
  value === 0 ? `no ${many}` : `${value} ${value === 1 ? one : many}`;
const flag = (yes: string, no: string) => (value: number) => (value ? yes : no);
/** A ratio for an operator: "2.5 times", "about the same as" near 1. */
const times = (x: number) => (Math.abs(x - 1) < 0.05 ? 'about' : `${x.toFixed(1)} times`);

export const FEATURES = {
  email_orders_1h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this email in the last hour`,
  },
  email_orders_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this email in the last 24 hours`,
  },
  email_orders_7d: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this email in the last 7 days`,
  },
  email_cards_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'card', 'cards')} used with this email in the last 24 hours`,
  },
  ip_orders_1h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this IP address in the last hour`,
  },
  ip_orders_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this IP address in the last 24 hours`,
  },
  ip_orders_7d: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this IP address in the last 7 days`,
  },
  ip_cards_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'card', 'cards')} used from this IP address in the last 24 hours`,
  },
  ip_failed_24h: {
    transform: 'log1p',
    describe: (x) =>
      `${n(x, 'declined payment', 'declined payments')} from this IP address in the last 24 hours`,
  },
  /**
   * The busier of the IP address and the card over the last hour, approved and declined attempts
   * alike: a card-testing burst shows here whether the gateway approves its attempts or not, and
   * whether it keeps one IP (many cards) or one card (through rotating proxy IPs).
   */
  burst_attempts_1h: {
    transform: 'log1p',
    describe: (x) =>
      `${n(x, 'payment attempt', 'payment attempts')} from this IP address or with this card in the last hour`,
  },
  card_orders_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} with this card in the last 24 hours`,
  },
  card_failed_24h: {
    transform: 'log1p',
    describe: (x) =>
      `${n(x, 'declined payment', 'declined payments')} with this card in the last 24 hours`,
  },
  shipping_address_orders_7d: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} to this shipping address in the last 7 days`,
  },
  shipping_address_cards_7d: {
    transform: 'log1p',
    describe: (x) =>
      `${n(x, 'card', 'cards')} used for orders to this shipping address in the last 7 days`,
  },
  device_orders_24h: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'order', 'orders')} from this device in the last 24 hours`,
  },
  billing_shipping_country_differ: {
    transform: 'none',
    describe: flag('billing and shipping countries differ', 'billing and shipping countries match'),
  },
  billing_shipping_address_differ: {
    transform: 'none',
    describe: flag(
      'shipping address differs from the billing address',
      'ships to the billing address',
    ),
  },
  ip_billing_country_differ: {
    transform: 'none',
    describe: flag(
      'IP country differs from the billing country',
      'IP country matches the billing country',
    ),
  },
  ip_shipping_country_differ: {
    transform: 'none',
    describe: flag(
      'IP country differs from the shipping country',
      'IP country matches the shipping country',
    ),
  },
  ip_country_unknown: {
    transform: 'none',
    describe: flag('IP address missing or its country unknown', 'IP country known'),
  },
  avs_full: {
    transform: 'none',
    describe: flag('address verification (AVS) fully matched', 'AVS not a full match'),
  },
  avs_partial: {
    transform: 'none',
    describe: flag('AVS matched only partly', 'AVS not a partial match'),
  },
  avs_no_match: {
    transform: 'none',
    describe: flag('AVS did not match', 'AVS did not fail'),
  },
  avs_unavailable: {
    transform: 'none',
    describe: flag('AVS result not available', 'AVS result available'),
  },
  csc_mismatch: {
    transform: 'none',
    describe: flag('CSC did not match', 'CSC did not fail'),
  },
  csc_unverified: {
    transform: 'none',
    describe: flag('CSC not checked', 'CSC checked'),
  },
  email_missing: {
    transform: 'none',
    describe: flag('no email on the order', 'email address given'),
  },
  email_disposable: {
    transform: 'none',
    describe: flag('disposable email domain', 'not a disposable email domain'),
  },
  email_free_mail: {
    transform: 'none',
    describe: flag('free email provider', 'email at a company or own domain'),
  },
  email_local_digits: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'digit', 'digits')} in the name part of the email address`,
  },
  email_new: {
    transform: 'none',
    describe: flag('email not seen on any order before today', 'email seen on earlier orders'),
  },
  /** The order total in minor units of the order's currency. */
  amount: {
    transform: 'log1p',
    describe: (x, currency) => `order total ${formatMoney(x, currency)}`,
  },
  amount_vs_store_median: {
    transform: 'log1p',
    describe: (x) => `order total ${times(x)} the store's median order`,
  },
  amount_vs_customer_p90: {
    transform: 'log1p',
    describe: (x) => `order total ${times(x)} this customer's usual larger orders`,
  },
  max_sku_quantity: {
    transform: 'log1p',
    describe: (x) => (x <= 1 ? 'one unit of each item' : `${x} units of one item`),
  },
  gift_card: {
    transform: 'none',
    describe: flag('contains a gift card', 'no gift card'),
  },
  express_first_order: {
    transform: 'none',
    describe: flag('express shipping on a first order', 'no express shipping on a first order'),
  },
  customer_first_order: {
    transform: 'none',
    describe: flag("customer's first order", 'returning customer'),
  },
  customer_prior_orders: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'earlier order', 'earlier orders')} by this customer`,
  },
  customer_age_days: {
    transform: 'log1p',
    describe: (x) =>
      Math.floor(x) === 0
        ? 'customer first seen today'
        : `customer known for ${Math.floor(x)} ${Math.floor(x) === 1 ? 'day' : 'days'}`,
  },
  customer_prior_chargebacks: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'earlier chargeback', 'earlier chargebacks')} on this customer`,
  },
  customer_prior_refunds: {
    transform: 'log1p',
    describe: (x) => `${n(x, 'earlier refund', 'earlier refunds')} for this customer`,
  },
  new_shipping_address_returning: {
    transform: 'none',
    describe: flag(
      'returning customer shipping to a new address',
      'ships to an address the customer used before',
    ),
  },
  // Combinations a linear model cannot form from the parts: each pairs a signal with the
  // circumstance that makes it suspicious (a failed AVS is common for a long-standing customer
  // who moved, rare on a stranger's first order).
  first_order_avs_failed: {
    transform: 'none',
    describe: flag(
      "AVS failed or matched only partly on the customer's first order",
      'no failed AVS on a first order',
    ),
  },
  first_order_ip_abroad: {
    transform: 'none',
    describe: flag(
      'first order from an IP address outside the billing country',
      'no first order from abroad',
    ),
  },
  first_order_bulk: {
    transform: 'none',
    describe: flag('3 or more units of one item on a first order', 'no bulk first order'),
  },
  first_order_shared_address_cards: {
    transform: 'log1p',
    describe: (x) =>
      x === 0
        ? 'no other cards shipped to this address in the last 7 days'
        : `first order to an address used with ${n(x, 'card', 'cards')} in the last 7 days`,
  },
  express_elsewhere_first_order: {
    transform: 'none',
    describe: flag(
      'express shipping to an address other than the billing address on a first order',
      'no express shipping elsewhere on a first order',
    ),
  },
  new_address_ip_abroad: {
    transform: 'none',
    describe: flag(
      'returning customer shipping to a new address from an IP outside the billing country',
      'no new address from abroad',
    ),
  },
  new_address_csc_unchecked: {
    transform: 'none',
    describe: flag(
      'returning customer shipping to a new address without a CSC check',
      'no new address without a CSC check',
    ),
  },
  night_hour: {
    transform: 'none',
    describe: flag(
      'placed between midnight and 6 am store time',
      'placed between 6 am and midnight store time',
    ),
  },
} satisfies Record<string, FeatureSpec>;

export type FeatureName = keyof typeof FEATURES;

/** The canonical order of features in vectors and model artefacts. */
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/**
 * Features whose effect on risk has a known direction: +1 may only raise the score, -1 only lower
 * it. The trainer holds their weights to that sign, so a reason never says something absurd such
 * as "12 orders from this IP address in the last 7 days" lowering the score because the feature
 * is correlated with another one. Features left out (7-day counts per email or address, amounts,
 * email style) may go either way: a returning customer's home address is a good sign.
 */
export const RISK_DIRECTION: Partial<Record<FeatureName, 1 | -1>> = {
  email_orders_1h: 1,
  email_orders_24h: 1,
  email_cards_24h: 1,
  ip_orders_1h: 1,
  ip_orders_24h: 1,
  ip_orders_7d: 1,
  ip_cards_24h: 1,
  ip_failed_24h: 1,
  burst_attempts_1h: 1,
  card_orders_24h: 1,
  card_failed_24h: 1,
  shipping_address_cards_7d: 1,
  device_orders_24h: 1,
  billing_shipping_country_differ: 1,
  ip_billing_country_differ: 1,
  ip_shipping_country_differ: 1,
  avs_no_match: 1,
  csc_mismatch: 1,
  email_disposable: 1,
  email_new: 1,
  gift_card: 1,
  express_first_order: 1,
  customer_first_order: 1,
  customer_prior_chargebacks: 1,
  new_shipping_address_returning: 1,
  first_order_avs_failed: 1,
  first_order_ip_abroad: 1,
  first_order_bulk: 1,
  first_order_shared_address_cards: 1,
  express_elsewhere_first_order: 1,
  new_address_ip_abroad: 1,
  new_address_csc_unchecked: 1,
  avs_full: -1,
  customer_prior_orders: -1,
  customer_age_days: -1,
};

/** {@link RISK_DIRECTION} as the trainer's sign vector, in catalogue order (0 = free). */
export const RISK_SIGNS: readonly number[] = FEATURE_NAMES.map((name) => RISK_DIRECTION[name] ?? 0);
