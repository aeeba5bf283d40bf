import { describe, expect, it } from 'vitest';
import { FEATURES, FEATURE_NAMES } from './catalogue';
import { extractFeatures, ORDER_CURRENCY } from './extract';
import { scoreFeatures } from '../model/evaluate';
import { toArtefact } from '../model/artefact';
import { emptyHistory } from '../order';
import { check, order } from '../test-orders.test-support';

const words = (name: keyof typeof FEATURES, value: number) => FEATURES[name].describe(value, 'USD');

describe('reason texts', () => {
  it('read as an operator would say them, for counts, flags and ratios', () => {
    expect(words('email_orders_1h', 0)).toBe('no orders from this email in the last hour');
    expect(words('email_orders_1h', 1)).toBe('1 order from this email in the last hour');
    expect(words('ip_failed_24h', 13)).toBe(
      '13 declined payments from this IP address in the last 24 hours',
    );
    expect(words('customer_prior_orders', 0)).toBe('no earlier orders by this customer');
    expect(words('customer_age_days', 0.4)).toBe('customer first seen today');
    expect(words('customer_age_days', 1.5)).toBe('customer known for 1 day');
    expect(words('amount_vs_store_median', 3)).toBe(
      "order total 3.0 times the store's median order",
    );
    expect(words('amount_vs_store_median', 1.02)).toBe(
      "order total about the store's median order",
    );
    expect(words('max_sku_quantity', 1)).toBe('one unit of each item');
    expect(words('max_sku_quantity', 6)).toBe('6 units of one item');
    expect(words('night_hour', 0)).toBe('placed between 6 am and midnight store time');
  });

  it('show the order total from minor units in the order’s currency', () => {
    expect(words('amount', 124000)).toBe('order total USD 1,240.00');
    expect(FEATURES.amount.describe(124000, 'JPY')).toBe('order total JPY 124,000');
  });

  it('give every feature a text for both values of a flag and for zero', () => {
    for (const name of FEATURE_NAMES)
      for (const value of [0, 1, 2.5]) {
        const text = FEATURES[name].describe(value, 'USD');
        expect(text).toMatch(/^[a-zA-Z0-9]/);
        expect(text).not.toMatch(/NaN|undefined|null|\dx /);
      }
  });

  it('carry the order’s currency from extraction to the reasons of a score', () => {
    const f = extractFeatures(
      order({ total_price: '1240.00', currency: 'EUR' }),
      check(),
      emptyHistory(),
      { ipCountry: 'US', storeTimeZone: 'America/New_York' },
    );
    expect(f.amount).toBe(124000);
    expect(f[ORDER_CURRENCY]).toBe('EUR');
    expect(Object.keys(f)).not.toContain(String(ORDER_CURRENCY));
    const onlyAmount = toArtefact(
      {
        means: FEATURE_NAMES.map(() => 0),
        scales: FEATURE_NAMES.map(() => 1),
        weights: FEATURE_NAMES.map((n) => (n === 'amount' ? 0.5 : 0)),
        intercept: -8,
        iterations: 0,
      },
      'amount-only',
      {},
    );
    expect(scoreFeatures(onlyAmount, f).reasons).toEqual([
      {
        feature: 'amount',
        text: 'order total EUR 1,240.00',
        direction: 'raises',
        weight: 5.864, // 0.5 * log1p(124000)
      },
    ]);
  });
});
