import { memoryEffectStore } from '@paybridge/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { pendingOrderInput, startShopHarness, type ShopHarness } from '../../test/shop-harness';
import { shopifyApplyPaymentResultNode } from './definition';
import { createShopifyApplyPaymentResultExecutor } from './execute';

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop.close());

const usd = (minor: number) => ({ minor, currency: 'USD' });
const stored = (id: string) => shop.sim.handle.state.orders.get(id)!;
const sales = (id: string) =>
  stored(id).transactions.filter((t: any) => t.kind === 'sale' && t.status === 'success');
const metafield = (id: string, key: string) =>
  [...stored(id).metafields.values()].find((m: any) => m.namespace === 'paytrace' && m.key === key);

const approved = {
  status: 'approved',
  operation: 'sale',
  transactionId: '125391271',
  amount: usd(4999),
  approvalCode: 'TAS610',
  origin: 'gateway',
};
const declined = {
  status: 'declined',
  operation: 'sale',
  transactionId: '125391270',
  amount: usd(4999),
  reason: 'Insufficient funds',
  origin: 'gateway',
};

describe('shopify.apply-payment-result', () => {
  it('declined then approved: tag and note, then paid with references and the tag removed', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('49.99'));
    const executor = createShopifyApplyPaymentResultExecutor(shop.runtime);

    const first = await shop.run(executor, { orderId: order.id, result: declined });
    expect(expectOutput(shopifyApplyPaymentResultNode, first).output).toMatchObject({
      outcome: 'declined',
      expectedStatus: 'UNCHANGED',
      actions: ['add-tags', 'append-note'],
      payment: null,
      financialStatus: 'PENDING',
    });
    expect(stored(order.id).tags).toContain('paytrace-declined');
    expect(stored(order.id).note).toBe(
      'PayTrace transaction 125391270: declined for 49.99 USD (Insufficient funds)',
    );

    const effects = memoryEffectStore();
    const second = await shop.run(executor, { orderId: order.id, result: approved }, { effects });
    expect(second.output).toMatchObject({
      outcome: 'approved',
      expectedStatus: 'PAID',
      actions: ['mark-paid', 'set-metafields', 'remove-tags', 'append-note'],
      payment: { action: 'marked-paid', amount: usd(4999), origin: 'shopify' },
      financialStatus: 'PAID',
    });
    expect(stored(order.id).tags).not.toContain('paytrace-declined');
    expect(metafield(order.id, 'transaction_id')).toMatchObject({ value: '125391271' });
    expect(metafield(order.id, 'approval_code')).toMatchObject({ value: 'TAS610' });
    expect(stored(order.id).note).toBe(
      'PayTrace transaction 125391270: declined for 49.99 USD (Insufficient funds)\n' +
        'PayTrace transaction 125391271: approved for 49.99 USD (TAS610)',
    );

    // A retry of the same step, and a replay by another run: nothing is paid or written twice.
    await shop.run(executor, { orderId: order.id, result: approved }, { effects });
    const replay = await shop.run(executor, { orderId: order.id, result: approved });
    expect(replay.output).toMatchObject({
      actions: ['set-metafields', 'append-note'],
      payment: null,
    });
    expect(sales(order.id)).toHaveLength(1);
    expect(stored(order.id).note?.split('\n')).toHaveLength(2);
  });

  it('records a partial approval as a manual payment', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('49.99'));
    const result = await shop.run(createShopifyApplyPaymentResultExecutor(shop.runtime), {
      orderId: order.id,
      result: { ...approved, amount: usd(2000) },
    });
    expect(result.output).toMatchObject({
      expectedStatus: 'PARTIALLY_PAID',
      payment: { action: 'manual-payment', amount: usd(2000) },
      financialStatus: 'PARTIALLY_PAID',
    });
    expect(sales(order.id)).toMatchObject([{ gateway: 'PayTrace', amountMinor: 2000 }]);
  });

  it('keeps an authorized order pending, tagged, with the transaction id', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('10.00'));
    const result = await shop.run(createShopifyApplyPaymentResultExecutor(shop.runtime), {
      orderId: order.id,
      result: { ...approved, operation: 'authorization', amount: usd(1000) },
      authorizedTag: 'awaiting-capture',
    });
    expect(result.output).toMatchObject({ outcome: 'authorized', financialStatus: 'PENDING' });
    expect(stored(order.id).tags).toContain('awaiting-capture');
    expect(metafield(order.id, 'transaction_id')).toMatchObject({ value: '125391271' });
  });

  it('refuses an approval that does not fit the order, before writing anything', async () => {
    const order = shop.sim.handle.createOrder(pendingOrderInput('10.00'));
    await expect(
      shop.run(createShopifyApplyPaymentResultExecutor(shop.runtime), {
        orderId: order.id,
        result: { ...approved, amount: usd(4999) },
      }),
    ).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_PAYMENT_RESULT_REFUSED',
      message: `PayTrace approved 49.99 USD but order ${order.name} has only 10.00 USD outstanding`,
    });
    expect(stored(order.id).note).toBeNull();
    expect(sales(order.id)).toHaveLength(0);
  });
});
