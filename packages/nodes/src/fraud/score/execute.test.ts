import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { fraudScoreNode } from './definition';
import { fraudScoreExecutor } from './execute';

const cleanOrder = {
  id: 4501,
  created_at: '2026-03-02T15:00:00-05:00',
  email: 'anna.smith@acme.com',
  browser_ip: '24.5.1.1',
  total_price: '60.00',
  currency: 'USD',
  billing_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
  shipping_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
  line_items: [{ sku: 'TEE-001', quantity: 1, price: '52.00' }],
  shipping_lines: [{ title: 'Standard', code: 'standard' }],
  customer: { id: 7, created_at: '2025-06-01T00:00:00Z' },
  financial_status: 'authorized',
};

const stolenCardOrder = {
  ...cleanOrder,
  id: 4502,
  created_at: '2026-03-02T03:10:00-05:00',
  email: 'jackclark48213@mailinator.com',
  browser_ip: '105.112.4.9',
  total_price: '1620.00',
  shipping_address: { address1: '7 High St', city: 'Leeds', zip: 'LS1 4DY', country_code: 'GB' },
  line_items: [
    { sku: 'GIFT-100', quantity: 4, price: '100.00', gift_card: true },
    { sku: 'WATCH-007', quantity: 3, price: '399.00' },
  ],
  shipping_lines: [{ title: 'Express overnight', code: 'express' }],
};

async function score(config: Record<string, unknown>, input: unknown) {
  const ctx = createTestContext(fraudScoreNode, config, { input });
  return expectOutput(fraudScoreNode, await fraudScoreExecutor.execute(ctx));
}

describe('fraud.score', () => {
  it('routes a clean order with matching AVS and CSC to low', async () => {
    const result = await score(
      { avsResponse: 'Full Exact Match', cscResponse: 'Match', storeTimeZone: 'America/New_York' },
      cleanOrder,
    );
    expect(result.port).toBe('low');
    expect(result.output).toMatchObject({
      orderId: 4501,
      level: 'low',
      modelVersion: 'synthetic-3',
    });
  });

  it('routes a stolen-card order to high with the reasons an operator reads', async () => {
    const result = await score(
      { avsResponse: 'No Match', cscResponse: 'No Match', storeTimeZone: 'America/New_York' },
      stolenCardOrder,
    );
    expect(result.port).toBe('high');
    const output = result.output as { score: number; level: string; reasons: { text: string }[] };
    expect(output.score).toBeGreaterThanOrEqual(75);
    expect(output.level).toBe('high');
    const texts = output.reasons.map((r) => r.text);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join(' | ')).toMatch(/AVS did not match|CSC did not match|disposable|country/);
  });

  it('takes the order from the config mapping when given, and honours custom thresholds', async () => {
    const abroad = { ...cleanOrder, browser_ip: '105.112.4.9', customer: null };
    const base = { order: abroad, avsResponse: 'No Match', cscResponse: 'Match' };
    const first = await score(base, { unrelated: true });
    const s = (first.output as { score: number }).score;
    expect(s).toBeGreaterThanOrEqual(1);
    expect(s).toBeLessThan(98);
    const result = await score({ ...base, reviewAt: Math.max(1, s), highAt: s + 1 }, {});
    expect(result.port).toBe('review');
    const high = await score({ ...base, reviewAt: 1, highAt: Math.max(1, s) }, {});
    expect(high.port).toBe('high');
  });

  it('scores without an AVS/CSC answer and without an IP, reading them as unknown', async () => {
    const { browser_ip: _ip, ...noIp } = cleanOrder;
    const result = await score({}, noIp);
    expect(['low', 'review', 'high']).toContain(result.port);
  });

  it('rejects input that is not an order, naming the field', async () => {
    const ctx = createTestContext(
      fraudScoreNode,
      {},
      { input: { ...cleanOrder, total_price: 60 } },
    );
    await expect(fraudScoreExecutor.execute(ctx)).rejects.toThrow(/total_price/);
  });

  it('rejects a high threshold below the review threshold and an unknown time zone', () => {
    expect(
      fraudScoreNode.config.safeParse({ reviewAt: 80, highAt: 70 }).error?.issues[0]?.path,
    ).toEqual(['highAt']);
    expect(fraudScoreNode.config.safeParse({ storeTimeZone: 'Mars/Base' }).success).toBe(false);
  });
});
