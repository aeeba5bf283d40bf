import { memoryEffectStore } from '@paybridge/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../../test-context';
import { startFaultProxy } from '../../test/fault-proxy';
import {
  pendingOrderInput,
  startShopHarness,
  viaProxy,
  type ShopHarness,
} from '../../test/shop-harness';
import { shopifyMarkPaidNode } from './definition';
import { createShopifyMarkPaidExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness({}, { unknownOutcomeWaitSeconds: 60 });
});
afterAll(() => shop.close());

const payments = (orderId: string) =>
  shop.sim.handle.state.orders
    .get(orderId)!
    .transactions.filter((t: any) => t.kind === 'sale' && t.status === 'success');

describe('shopify.mark-paid', () => {
  it('marks a pending order paid in full, once across retries, and flags it paid on replay', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('49.99'));
    const executor = createShopifyMarkPaidExecutor(shop.runtime);
    const effects = memoryEffectStore();
    const first = await shop.run(executor, { orderId: order.id }, { effects });
    const { output } = expectOutput(shopifyMarkPaidNode, first);
    expect(output).toMatchObject({
      legacyId: order.id,
      action: 'marked-paid',
      alreadyPaid: false,
      amount: { minor: 4999, currency: 'USD' },
      state: { financialStatus: 'PAID', fullyPaid: true, outstanding: { minor: 0 } },
      origin: 'shopify',
    });
    const retried = await shop.run(executor, { orderId: order.id }, { effects });
    expect(retried.output).toMatchObject({ action: 'marked-paid', origin: 'ledger' });
    const otherFlow = await shop.run(executor, { orderId: order.id });
    expect(otherFlow.output).toMatchObject({
      action: 'none',
      alreadyPaid: true,
      origin: 'shopify',
    });
    expect(payments(order.id)).toHaveLength(1);
  });

  it('is a success with alreadyPaid for an order paid at checkout', async () => {
    const order = shop.sim.handle.createOrder(
      pendingOrderInput('5.00', { financial_status: 'paid' }),
    );
    const result = await shop.run(createShopifyMarkPaidExecutor(shop.runtime), {
      orderId: order.id,
    });
    expect(result.output).toMatchObject({ action: 'none', alreadyPaid: true, amount: null });
  });

  it('records a manual payment of an amount, leaving the order partially paid', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('49.99'));
    const result = await shop.run(createShopifyMarkPaidExecutor(shop.runtime), {
      orderId: order.id,
      mode: 'amount',
      amount: 2000,
      currency: 'USD',
    });
    expect(result.output).toMatchObject({
      action: 'manual-payment',
      amount: { minor: 2000, currency: 'USD' },
      state: { financialStatus: 'PARTIALLY_PAID', outstanding: { minor: 2999 } },
    });
    expect(payments(order.id)).toMatchObject([{ gateway: 'PayTrace', amountMinor: 2000 }]);
  });

  it('sends refusals to the error port: more than outstanding, cancelled, other currency', async () => {
    const executor = createShopifyMarkPaidExecutor(shop.runtime);
    const order = shop.sim.handle.createOrder(pendingOrderInput('10.00'));
    await expect(
      shop.run(executor, { orderId: order.id, mode: 'amount', amount: 1001 }),
    ).rejects.toMatchObject({ errorClass: 'business', code: 'SHOPIFY_AMOUNT_EXCEEDS_OUTSTANDING' });
    await expect(
      shop.run(executor, { orderId: order.id, mode: 'amount', amount: 100, currency: 'EUR' }),
    ).rejects.toMatchObject({ errorClass: 'permanent', code: 'SHOPIFY_CURRENCY_MISMATCH' });
    shop.sim.handle.cancelOrder(order.id);
    await expect(shop.run(executor, { orderId: order.id })).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_CANNOT_MARK_PAID',
      message: expect.stringContaining('cancelled'),
    });
    expect(payments(order.id)).toHaveLength(0);
  });

  it('after a lost answer reads the order and finds the payment instead of resending', async () => {
    for (const mode of ['full', 'amount'] as const) {
      const order = shop.sim.handle.createOrder(pendingOrderInput('30.00'));
      const proxy = await startFaultProxy(shop.sim.url, (request) =>
        request.operation === 'OrderMarkAsPaid' || request.operation === 'OrderCreateManualPayment'
          ? 'forward-then-reset'
          : 'forward',
      );
      try {
        const result = await shop.run(
          createShopifyMarkPaidExecutor(shop.runtime),
          { orderId: order.id, mode, amount: 3000 },
          { connection: viaProxy(shop, proxy.origin) },
        );
        expect(result.output).toMatchObject({
          action: mode === 'full' ? 'marked-paid' : 'manual-payment',
          origin: 'lookup',
          state: { financialStatus: 'PAID' },
        });
        expect(proxy.seen.map((r) => r.operation)).toEqual([
          'GetOrderPaymentState',
          mode === 'full' ? 'OrderMarkAsPaid' : 'OrderCreateManualPayment',
          'GetOrderPaymentState',
        ]);
        expect(payments(order.id)).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    }
  });

  it('waits out the unknown-outcome window before sending an amount again', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('30.00'));
    let lose = true;
    const proxy = await startFaultProxy(shop.sim.url, (request) =>
      request.operation === 'OrderCreateManualPayment' && lose ? 'reset' : 'forward',
    );
    let now = new Date('2025-01-15T12:00:00Z');
    const effects = memoryEffectStore({ now: () => now });
    const executor = createShopifyMarkPaidExecutor(shop.runtime);
    const config = { orderId: order.id, mode: 'amount', amount: 1000 };
    const options = { effects, connection: viaProxy(shop, proxy.origin) };
    try {
      await expect(shop.run(executor, config, { ...options, now })).rejects.toMatchObject({
        errorClass: 'transient',
        code: 'SHOPIFY_OUTCOME_PENDING',
        retryAfterMs: 60_000,
      });
      lose = false;
      now = new Date(now.getTime() + 30_000);
      await expect(shop.run(executor, config, { ...options, now })).rejects.toMatchObject({
        code: 'SHOPIFY_OUTCOME_PENDING',
        retryAfterMs: 30_000,
      });
      expect(payments(order.id)).toHaveLength(0);
      now = new Date(now.getTime() + 30_000);
      const result = await shop.run(executor, config, { ...options, now });
      expect(result.output).toMatchObject({ action: 'manual-payment', origin: 'shopify' });
      expect(payments(order.id)).toHaveLength(1);
      expect(proxy.seen.filter((r) => r.operation === 'OrderCreateManualPayment')).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an amount without an effect ledger, but marks paid in full without one', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('8.00'));
    const executor = createShopifyMarkPaidExecutor(shop.runtime);
    const connection = { type: 'shopify', values: shop.connection };
    const amountCtx = createTestContext(
      shopifyMarkPaidNode,
      { connectionId: 'c', orderId: order.id, mode: 'amount', amount: 100 },
      { connection },
    );
    await expect(executor.execute({ ...amountCtx, effects: undefined })).rejects.toMatchObject({
      code: 'EFFECT_LEDGER_MISSING',
    });
    const fullCtx = createTestContext(
      shopifyMarkPaidNode,
      { connectionId: 'c', orderId: order.id },
      { connection },
    );
    const result = await executor.execute({ ...fullCtx, effects: undefined });
    expect(result).toMatchObject({ output: { action: 'marked-paid' } });
  });

  it('requires an amount in amount mode', () => {
    const parsed = shopifyMarkPaidNode.config.safeParse({
      connectionId: 'c',
      orderId: '1',
      mode: 'amount',
    });
    expect(parsed.error?.issues[0]?.path).toEqual(['amount']);
  });
});
