import { memoryEffectStore } from '@paybridge/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startFaultProxy } from '../../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../../test/shop-harness';
import { shopifyOrderRiskNode } from './definition';
import { createShopifyOrderRiskExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness({}, { unknownOutcomeWaitSeconds: 60 });
});
afterAll(() => shop.close());

const assessments = (orderId: string) =>
  shop.sim.handle.state.orders.get(orderId)!.riskAssessments ?? [];
const FACTS = [
  { description: 'Billing and shipping countries differ', sentiment: 'NEGATIVE' },
  { description: '5 orders from this email in the last hour', sentiment: 'NEGATIVE' },
  { description: 'CSC matched', sentiment: 'POSITIVE' },
];

describe('shopify.order-risk', () => {
  it('writes the level and facts once across retries, replays and another flow', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('80.00'));
    const executor = createShopifyOrderRiskExecutor(shop.runtime);
    const effects = memoryEffectStore();
    const config = { orderId: order.id, riskLevel: 'HIGH', facts: FACTS };
    const first = await shop.run(executor, config, { effects });
    const { output } = expectOutput(shopifyOrderRiskNode, first);
    expect(output).toMatchObject({
      legacyId: order.id,
      riskLevel: 'HIGH',
      facts: FACTS,
      written: true,
      recommendation: 'CANCEL',
      assessments: 1,
      origin: 'shopify',
    });
    const retried = await shop.run(executor, config, { effects });
    expect(retried.output).toMatchObject({ written: true, origin: 'ledger' });
    const otherFlow = await shop.run(executor, config);
    expect(otherFlow.output).toMatchObject({ written: false, origin: 'shopify' });
    expect(assessments(order.id)).toHaveLength(1);
    expect(assessments(order.id)[0]).toMatchObject({ riskLevel: 'HIGH', facts: FACTS });
  });

  it('writes a later verdict at another level as a new assessment, not as a conflict', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('80.00'));
    const executor = createShopifyOrderRiskExecutor(shop.runtime);
    const effects = memoryEffectStore();
    const trigger = { topic: 'orders/create', body: { id: order.id, line_items: [] } };
    const review = await shop.run(
      executor,
      { orderId: order.id, riskLevel: 'MEDIUM', facts: FACTS.slice(0, 1) },
      { effects, trigger },
    );
    expect(review.output).toMatchObject({ written: true, recommendation: 'INVESTIGATE' });
    const rejected = await shop.run(
      executor,
      { orderId: order.id, riskLevel: 'HIGH', facts: [{ description: 'Rejected in review' }] },
      { effects, trigger },
    );
    expect(rejected.output).toMatchObject({
      written: true,
      recommendation: 'CANCEL',
      assessments: 2,
      facts: [{ description: 'Rejected in review', sentiment: 'NEGATIVE' }],
    });
    // A re-score at the same level with other wording returns the recorded write.
    const rescored = await shop.run(
      executor,
      { orderId: order.id, riskLevel: 'MEDIUM', facts: [{ description: '6 orders' }] },
      { effects, trigger },
    );
    expect(rescored.output).toMatchObject({ origin: 'ledger', facts: FACTS.slice(0, 1) });
    expect(assessments(order.id).map((a) => a.riskLevel)).toEqual(['MEDIUM', 'HIGH']);
  });

  it('cuts long descriptions to what Shopify keeps', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const result = await shop.run(createShopifyOrderRiskExecutor(shop.runtime), {
      orderId: order.id,
      riskLevel: 'LOW',
      facts: [{ description: 'a'.repeat(400), sentiment: 'NEUTRAL' }],
    });
    const written = assessments(order.id)[0]!.facts[0]!.description;
    expect(written).toHaveLength(256);
    expect(written.endsWith('…')).toBe(true);
    expect(result.output.facts[0].description).toBe(written);
  });

  it('sends refusals to the error port with Shopify’s message', async () => {
    const executor = createShopifyOrderRiskExecutor(shop.runtime);
    await expect(shop.run(executor, { orderId: '1', riskLevel: 'HIGH' })).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_NOT_FOUND',
    });
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    await fetch(`${shop.sim.url}/__admin/orders/${order.id}/fulfillments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expect(
      shop.run(executor, { orderId: order.id, riskLevel: 'HIGH' }),
    ).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_USER_ERROR',
      message: expect.stringContaining('fulfilled'),
    });
    expect(assessments(order.id)).toHaveLength(0);
  });

  it('refuses bad settings before anything runs', () => {
    const base = { connectionId: 'c', orderId: '1' };
    expect(shopifyOrderRiskNode.config.safeParse({ ...base, riskLevel: 'SEVERE' }).success).toBe(
      false,
    );
    const many = Array.from({ length: 21 }, () => ({ description: 'x' }));
    const parsed = shopifyOrderRiskNode.config.safeParse({
      ...base,
      riskLevel: 'LOW',
      facts: many,
    });
    expect(parsed.error?.issues[0]?.path).toEqual(['facts']);
    const blank = shopifyOrderRiskNode.config.safeParse({
      ...base,
      riskLevel: 'LOW',
      facts: [{ description: '  ' }],
    });
    expect(blank.error?.issues[0]?.path).toEqual(['facts', 0, 'description']);
  });

  it('after a lost answer finds the assessment on the order instead of writing it twice', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'OrderRiskAssessmentCreate' ? 'forward-then-reset' : 'forward',
    );
    try {
      const result = await shop.run(
        createShopifyOrderRiskExecutor(shop.runtime),
        { orderId: order.id, riskLevel: 'HIGH', facts: FACTS },
        { effects: memoryEffectStore(), connection: viaProxy(shop, proxy.origin) },
      );
      expect(result.output).toMatchObject({ written: true, origin: 'lookup' });
      expect(proxy.seen.map((r) => r.operation)).toEqual([
        'GetOrderRisk',
        'OrderRiskAssessmentCreate',
        'GetOrderRisk',
      ]);
      expect(assessments(order.id)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('waits out the unknown-outcome window before writing again after a lost request', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    let lose = true;
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'OrderRiskAssessmentCreate' && lose ? 'reset' : 'forward',
    );
    let now = new Date('2025-01-15T12:00:00Z');
    const effects = memoryEffectStore({ now: () => now });
    const executor = createShopifyOrderRiskExecutor(shop.runtime);
    const config = { orderId: order.id, riskLevel: 'MEDIUM', facts: FACTS };
    const options = { effects, connection: viaProxy(shop, proxy.origin) };
    try {
      await expect(shop.run(executor, config, { ...options, now })).rejects.toMatchObject({
        errorClass: 'transient',
        code: 'SHOPIFY_OUTCOME_PENDING',
      });
      lose = false;
      now = new Date(now.getTime() + 60_000);
      const result = await shop.run(executor, config, { ...options, now });
      expect(result.output).toMatchObject({ written: true, origin: 'shopify' });
      expect(assessments(order.id)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
