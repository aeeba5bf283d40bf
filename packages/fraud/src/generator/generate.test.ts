import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, generateEvents } from './generate';
import { ipCountry } from '../ip-country';
import { IP_PREFIXES } from './world';
import { Random } from './random';

const options = { seed: 3, days: 30, ordersPerDay: 100, start: '2026-01-01T00:00:00Z' };

describe('order generator', () => {
  it('is reproducible: the same seed gives the same stream, another seed another', () => {
    const a = generateEvents(options);
    expect(generateEvents(options)).toEqual(a);
    expect(generateEvents({ ...options, seed: 4 })).not.toEqual(a);
  });

  it('produces time-ordered, Shopify-shaped orders with PayTrace answers over the whole span', () => {
    const events = generateEvents(options);
    const times = events.map((e) => Date.parse(e.order.created_at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[0]!).toBeGreaterThanOrEqual(Date.parse(options.start));
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(28 * 86_400_000);
    for (const e of events.slice(0, 200)) {
      expect(e.order.total_price).toMatch(/^\d+\.\d{2}$/);
      expect(e.check?.masked_card).toMatch(/^\dx{11}\d{4}$/);
      expect(typeof e.check?.avs_response).toBe('string');
    }
  });

  it('mixes returning customers, every fraud scenario and declined card tests at plausible shares', () => {
    const events = generateEvents(DEFAULT_OPTIONS);
    const approved = events.filter((e) => e.approved);
    const share = (s: string) => approved.filter((e) => e.scenario === s).length / approved.length;
    const fraudShare = approved.filter((e) => e.fraud).length / approved.length;
    expect(fraudShare).toBeGreaterThan(0.015);
    expect(fraudShare).toBeLessThan(0.05);
    for (const s of [
      'card_testing',
      'stolen_card',
      'account_takeover',
      'reshipper',
      'friendly_fraud',
    ])
      expect(share(s)).toBeGreaterThan(0.001);
    expect(events.some((e) => !e.approved && e.scenario === 'card_testing')).toBe(true);
    const customers = new Map<string, number>();
    for (const e of approved.filter((x) => x.scenario === 'legitimate'))
      customers.set(
        String(e.order.customer?.id),
        (customers.get(String(e.order.customer?.id)) ?? 0) + 1,
      );
    expect([...customers.values()].filter((n) => n > 1).length).toBeGreaterThan(500);
  });

  it('draws IPs from ranges the shipped geolocation data puts in the intended country', () => {
    const random = new Random(1);
    for (const [country, prefixes] of Object.entries(IP_PREFIXES))
      for (const prefix of prefixes)
        for (let i = 0; i < 20; i++)
          expect(ipCountry(`${prefix}.${random.int(0, 255)}.${random.int(1, 254)}`)).toBe(country);
  });
});
