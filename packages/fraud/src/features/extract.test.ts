import { describe, expect, it } from 'vitest';
import { extractFeatures } from './extract';
import { emptyHistory, type HistorySummary } from '../order';
import { check, order } from '../test-orders.test-support';
import { FEATURE_NAMES } from './catalogue';

const context = { ipCountry: 'US', storeTimeZone: 'America/New_York' };

describe('extractFeatures', () => {
  it('gives every catalogued feature a finite number, even for an order with nothing but money', () => {
    const bare = order({
      email: null,
      browser_ip: null,
      billing_address: null,
      shipping_address: null,
      client_details: null,
      customer: null,
      shipping_lines: [],
    });
    const f = extractFeatures(bare, null, emptyHistory(), { ...context, ipCountry: null });
    expect(Object.keys(f).sort()).toEqual([...FEATURE_NAMES].sort());
    for (const name of FEATURE_NAMES) expect(Number.isFinite(f[name])).toBe(true);
  });

  it('never reads missing data as good evidence', () => {
    const f = extractFeatures(order({ email: '', billing_address: null }), null, emptyHistory(), {
      ...context,
      ipCountry: null,
    });
    expect(f).toMatchObject({
      email_missing: 1,
      ip_country_unknown: 1,
      avs_full: 0,
      avs_unavailable: 1,
      csc_mismatch: 0,
      csc_unverified: 1,
      // Unknown countries cannot "differ", but neither do they count as matching evidence.
      ip_billing_country_differ: 0,
      billing_shipping_address_differ: 1,
    });
  });

  it('compares billing, shipping and IP countries', () => {
    const f = extractFeatures(
      order({ shipping_address: { address1: '1 High St', zip: 'LS1 4DY', country_code: 'GB' } }),
      check(),
      emptyHistory(),
      { ...context, ipCountry: 'NG' },
    );
    expect(f).toMatchObject({
      billing_shipping_country_differ: 1,
      billing_shipping_address_differ: 1,
      ip_billing_country_differ: 1,
      ip_shipping_country_differ: 1,
    });
  });

  it.each([
    ['Full Exact Match', 'Match', { avs_full: 1, csc_mismatch: 0, csc_unverified: 0 }],
    ['Zip Match Only', 'No Match', { avs_partial: 1, csc_mismatch: 1 }],
    ['No Match', 'Not Processed', { avs_no_match: 1, csc_unverified: 1 }],
    ['Non-US Issuer does not participate', '', { avs_unavailable: 1, csc_unverified: 1 }],
  ])('maps PayTrace AVS %j and CSC %j', (avs, csc, expected) => {
    const f = extractFeatures(
      order(),
      check({ avs_response: avs, csc_response: csc }),
      emptyHistory(),
      context,
    );
    expect(f).toMatchObject(expected);
  });

  it('recognises disposable and free-mail domains and digits in the name', () => {
    const at = (email: string) =>
      extractFeatures(order({ email }), check(), emptyHistory(), context);
    expect(at('annasmith48213@mailinator.com')).toMatchObject({
      email_disposable: 1,
      email_local_digits: 5,
    });
    expect(at('anna.smith@gmail.com')).toMatchObject({ email_disposable: 0, email_free_mail: 1 });
    expect(at('anna.smith@acme.com')).toMatchObject({ email_free_mail: 0, email_local_digits: 0 });
  });

  it.each([
    // 04:30 UTC on 10 Jan is 23:30 the day before in New York (UTC-5): not night.
    ['2026-01-10T04:30:00Z', 'America/New_York', 0],
    // 07:30 UTC is 02:30 in New York: night.
    ['2026-01-10T07:30:00Z', 'America/New_York', 1],
    // The same instant is 16:30 in Sydney: not night.
    ['2026-01-10T07:30:00Z', 'Australia/Sydney', 0],
    // Shopify's offset form: 05:59 local New York time in summer (UTC-4).
    ['2026-07-10T05:59:00-04:00', 'America/New_York', 1],
    ['2026-07-10T06:00:00-04:00', 'America/New_York', 0],
  ])('reads %s as night=%i in %s store time', (created_at, storeTimeZone, night) => {
    const f = extractFeatures(order({ created_at }), check(), emptyHistory(), {
      ipCountry: 'US',
      storeTimeZone,
    });
    expect(f.night_hour).toBe(night);
  });

  it('takes velocity, customer history and amounts from the history summary', () => {
    const history: HistorySummary = emptyHistory();
    history.velocity.email.h1 = {
      orders: 5,
      amountMinor: 500,
      distinctCards: 3,
      failedAttempts: 0,
    };
    history.velocity.ip.h24 = { orders: 2, amountMinor: 100, distinctCards: 9, failedAttempts: 7 };
    history.customer = {
      firstSeenAt: '2026-02-20T15:00:00Z',
      priorOrders: 4,
      priorRefunds: 1,
      priorChargebacks: 0,
      amountP90Minor: 3000,
      knownShippingAddresses: 1,
      shippingAddressSeenBefore: false,
    };
    history.emailFirstSeenAt = '2026-02-20T15:00:00Z';
    history.storeMedianAmountMinor = 2000;
    const f = extractFeatures(order(), check(), history, context);
    expect(f).toMatchObject({
      email_orders_1h: 5,
      ip_cards_24h: 9,
      ip_failed_24h: 7,
      customer_first_order: 0,
      customer_prior_orders: 4,
      customer_age_days: 10,
      email_new: 0,
      amount: 6000,
      amount_vs_store_median: 3,
      amount_vs_customer_p90: 2,
      new_shipping_address_returning: 1,
    });
  });

  it('flags express shipping only on a first order, and gift cards and bulk quantities', () => {
    const express = order({
      shipping_lines: [{ title: 'Express overnight', code: null }],
      line_items: [
        { sku: 'WATCH-007', quantity: 6, price: '399.00' },
        { sku: 'GIFT-100', quantity: 1, price: '100.00', gift_card: true },
      ],
    });
    const first = extractFeatures(express, check(), emptyHistory(), context);
    expect(first).toMatchObject({ express_first_order: 1, max_sku_quantity: 6, gift_card: 1 });
    const returning = emptyHistory();
    returning.customer.priorOrders = 3;
    expect(extractFeatures(express, check(), returning, context).express_first_order).toBe(0);
  });
});
