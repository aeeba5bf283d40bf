/**
 * The two baselines `fraud:eval` prints beside the model, on the same 0-99 scale.
 *
 * @module
 */
import type { FeatureVector } from '../features/extract';

/**
 * A points table like a typical Shopify/WooCommerce fraud plugin's: fixed points per red flag,
 * summed and capped. No learning, no interactions, no history beyond one IP counter.
 */
export function rulesOnlyScore(f: FeatureVector): number {
  let points = 0;
  if (f.avs_no_match) points += 20;
  if (f.avs_partial) points += 10;
  if (f.csc_mismatch) points += 25;
  if (f.billing_shipping_country_differ) points += 20;
  if (f.ip_billing_country_differ) points += 20;
  if (f.email_disposable) points += 20;
  if (f.amount > 50_000) points += 15; // over 500.00 (minor units)
  if (f.ip_orders_24h >= 3) points += 20;
  if (f.customer_first_order) points += 5;
  return Math.min(99, points);
}

/** What the gateway alone says: the AVS and CSC classes, nothing else. */
export function avsCscScore(f: FeatureVector): number {
  let points = 0;
  if (f.avs_no_match) points += 40;
  else if (f.avs_partial) points += 20;
  else if (f.avs_unavailable) points += 10;
  if (f.csc_mismatch) points += 50;
  else if (f.csc_unverified) points += 10;
  return Math.min(99, points);
}
