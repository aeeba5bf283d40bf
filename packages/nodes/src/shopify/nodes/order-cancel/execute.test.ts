import { memoryEffectStore } from '@paybridge/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startFaultProxy } from '../../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../../test/shop-harness';
import { shopifyOrderCancelNode } from './definition';
import { createShopifyOrderCancelExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness(
    { settings: { autoDeliver: false } },
    { unknownOutcomeWaitSeconds: 60 },
  );
});
afterAll(() => shop.close());
afterEach(() => {
  shop.sim.handle.settings.orderCancelJobSeconds = 0;
});

const stored = (orderId: string) => shop.sim.handle.state.orders.get(orderId)!;
const cancelledDeliveries = (orderId: string) =>
  shop.sim.handle.deliveries
    .list()
    .filter((d) => d.topic === 'orders/cancelled' && d.resourceId === orderId);

describe('shopify.order-cancel', () => {
  it('cancels once with reason and staff note; a cancelled order is a success, never an error', async () => {
    const sub = shop.sim.handle.subscribe('orders/cancelled', 'http://127.0.0.1:9/hooks');
    try {
      const order = shop.sim.handle.createOrder(pendingOrderInput('60.00'));
      const executor = createShopifyOrderCancelExecutor(shop.runtime);
      const effects = memoryEffectStore();
      const config = { orderId: order.id, reason: 'FRAUD', staffNote: 'Fraud score 91' };
      const first = await shop.run(executor, config, { effects });
      const { output } = expectOutput(shopifyOrderCancelNode, first);
      expect(output).toMatchObject({
        legacyId: order.id,
        action: 'cancelled',
        alreadyCancelled: false,
        cancelReason: 'FRAUD',
        cancelledAt: expect.stringMatching(/Z$/),
        jobId: expect.stringMatching(/^gid:\/\/shopify\/Job\//),
        origin: 'shopify',
      });
      expect(stored(order.id)).toMatchObject({
        cancelReason: 'fraud',
        cancellation: { staffNote: 'Fraud score 91', notifyCustomer: false, refund: false },
      });
      const retried = await shop.run(executor, config, { effects });
      expect(retried.output).toMatchObject({ action: 'cancelled', origin: 'ledger' });
      const otherFlow = await shop.run(executor, { ...config, reason: 'CUSTOMER' });
      expect(otherFlow.output).toMatchObject({
        action: 'none',
        alreadyCancelled: true,
        cancelReason: 'FRAUD',
        origin: 'shopify',
      });
      expect(cancelledDeliveries(order.id)).toHaveLength(1);
      expect(stored(order.id).cancelJobs).toHaveLength(1);
    } finally {
      shop.sim.handle.unsubscribe(sub.id);
    }
  });

  it('releases an open authorization but refunds nothing unless asked', async () => {
    const executor = createShopifyOrderCancelExecutor(shop.runtime);
    const authorized = shop.sim.handle.createOrder(
      pendingOrderInput('25.00', { financial_status: 'authorized' }),
    );
    const voided = await shop.run(executor, { orderId: authorized.id, reason: 'FRAUD' });
    expect(voided.output).toMatchObject({ action: 'cancelled', financialStatus: 'VOIDED' });
    const paid = shop.sim.handle.createOrder(
      pendingOrderInput('25.00', { financial_status: 'paid' }),
    );
    const kept = await shop.run(executor, { orderId: paid.id, reason: 'CUSTOMER' });
    expect(kept.output).toMatchObject({ action: 'cancelled', financialStatus: 'PAID' });
    const refunded = shop.sim.handle.createOrder(
      pendingOrderInput('25.00', { financial_status: 'paid' }),
    );
    const back = await shop.run(executor, {
      orderId: refunded.id,
      reason: 'CUSTOMER',
      refund: true,
      notifyCustomer: true,
    });
    expect(back.output).toMatchObject({ action: 'cancelled', financialStatus: 'REFUNDED' });
    expect(stored(refunded.id).cancellation).toMatchObject({ notifyCustomer: true, refund: true });
  });

  it('sends an unknown order to the error port', async () => {
    await expect(
      shop.run(createShopifyOrderCancelExecutor(shop.runtime), { orderId: '1', reason: 'FRAUD' }),
    ).rejects.toMatchObject({ errorClass: 'business', code: 'SHOPIFY_NOT_FOUND' });
    expect(
      shopifyOrderCancelNode.config.safeParse({ connectionId: 'c', orderId: '1', reason: 'NOPE' })
        .success,
    ).toBe(false);
  });

  it('waits for Shopify’s background job and reports the order cancelled once it ran', async () => {
    shop.sim.handle.settings.orderCancelJobSeconds = 1;
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const result = await shop.run(createShopifyOrderCancelExecutor(shop.runtime), {
      orderId: order.id,
      reason: 'FRAUD',
    });
    expect(result.output).toMatchObject({ action: 'cancelled', cancelReason: 'FRAUD' });
  });

  it('reports a job still running as requested, and a retry does not send it again', async () => {
    shop.sim.handle.settings.orderCancelJobSeconds = 600;
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const executor = createShopifyOrderCancelExecutor(shop.runtime);
    const effects = memoryEffectStore();
    const config = { orderId: order.id, reason: 'FRAUD' };
    const first = await shop.run(executor, config, { effects });
    expect(first.output).toMatchObject({ action: 'requested', cancelledAt: null });
    const retried = await shop.run(executor, config, { effects });
    expect(retried.output).toMatchObject({ action: 'requested', origin: 'ledger' });
    expect(stored(order.id).cancelJobs).toHaveLength(1);
    shop.sim.handle.advanceClock(600_000);
    const later = await shop.run(executor, config);
    expect(later.output).toMatchObject({ action: 'none', cancelReason: 'FRAUD' });
  }, 20_000);

  it('after a lost answer finds the order cancelled instead of cancelling again', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput());
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'OrderCancel' ? 'forward-then-reset' : 'forward',
    );
    try {
      const result = await shop.run(
        createShopifyOrderCancelExecutor(shop.runtime),
        { orderId: order.id, reason: 'FRAUD' },
        { effects: memoryEffectStore(), connection: viaProxy(shop, proxy.origin) },
      );
      expect(result.output).toMatchObject({ action: 'cancelled', origin: 'lookup' });
      expect(proxy.seen.map((r) => r.operation)).toEqual([
        'GetOrderCancelState',
        'OrderCancel',
        'GetOrderCancelState',
      ]);
      expect(stored(order.id).cancelJobs).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
