import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features/extract';
import { HistoryIndex } from '../history';
import { check, order } from '../test-orders.test-support';
import { defaultModel } from './default-model';
import { scoreFeatures } from './evaluate';

const START = Date.parse('2026-03-02T15:00:00Z');

/**
 * Scores a burst of approved $1 orders one after another, 20 s apart, each added to the history
 * (the in-memory reference the Postgres summary matches) before the next: every order a new
 * shopper with a plausible email, a card of their own (or one card throughout), AVS and CSC
 * matching. Nothing is declined: only velocity can give the burst away.
 */
function scoreBurst(options: { oneCard: boolean; rotateIps: boolean }) {
  const model = defaultModel();
  const index = new HistoryIndex();
  const scores = [];
  for (let i = 0; i < 30; i++) {
    const at = new Date(START + i * 20_000).toISOString();
    const ip = options.rotateIps ? `24.9.${i}.9` : '24.9.9.9';
    const home = {
      address1: `${i + 3} Depot Rd`,
      city: 'Chandler',
      zip: '85284',
      country_code: 'US',
    };
    const o = order({
      id: 5000 + i,
      created_at: at,
      email: `shopper.${i}.lee@gmail.com`,
      browser_ip: ip,
      total_price: '1.00',
      billing_address: home,
      shipping_address: home,
      line_items: [{ sku: 'TEA-1', quantity: 1, price: '1.00' }],
      client_details: { browser_ip: ip, user_agent: 'UA-burst' },
      customer: { id: 900 + i, created_at: at },
    });
    const c = check({
      masked_card: options.oneCard ? 'xxxxxxxxxxxx4242' : `xxxxxxxxxxxx${String(1000 + i)}`,
      customer_id: options.oneCard ? 'vault-tester' : `vault-${i}`,
    });
    const history = index.summarise(o, c);
    scores.push(
      scoreFeatures(
        model,
        extractFeatures(o, c, history, { ipCountry: 'US', storeTimeZone: 'America/New_York' }),
        3,
      ),
    );
    index.add({ order: o, check: c, approved: true });
  }
  return scores;
}

describe('card testing the gateway approves', () => {
  it('a burst of 30 approved small orders from one IP: the later ones score review, most high', () => {
    const scores = scoreBurst({ oneCard: false, rotateIps: false });
    // The first looks like any new shopper; a second order from the IP is still ordinary.
    expect(scores[0]!.score).toBeLessThan(65);
    expect(scores[1]!.score).toBeLessThan(65);
    const later = scores.slice(5);
    expect(later.every((s) => s.score >= 65)).toBe(true);
    expect(scores.slice(10).every((s) => s.score >= 75)).toBe(true);
    // The reason says why, in the velocity's own words.
    expect(later[10]!.reasons.map((r) => r.text)).toContain(
      '15 payment attempts from this IP address or with this card in the last hour',
    );
  });

  it('one card run again and again through rotating IPs reaches review as its attempts pile up', () => {
    const scores = scoreBurst({ oneCard: true, rotateIps: true });
    expect(scores[0]!.score).toBeLessThan(65);
    expect(scores.slice(20).every((s) => s.score >= 65)).toBe(true);
    expect(scores[25]!.reasons[0]).toMatchObject({
      text: '25 payment attempts from this IP address or with this card in the last hour',
      direction: 'raises',
    });
  });
});
