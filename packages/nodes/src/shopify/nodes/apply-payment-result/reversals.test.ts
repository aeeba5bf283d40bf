/**
 * Voids and refunds, which the store simulator does not offer, against a one-order double.
 */
import { memoryEffectStore } from '@paybridge/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { createShopifyRuntime } from '../../client/runtime';
import { createTestContext } from '../../../test-context';
import {
  startFakeOrderStore,
  type FakeOrder,
  type FakeOrderStore,
} from '../../test/fake-order-store';
import { shopifyApplyPaymentResultNode } from './definition';
import { createShopifyApplyPaymentResultExecutor } from './execute';

const ORDER = 'gid://shopify/Order/9007199254740993123';
const SALE = 'gid://shopify/OrderTransaction/11';
const AUTH = 'gid://shopify/OrderTransaction/12';

let store: FakeOrderStore | undefined;
afterEach(async () => {
  await store?.server.close();
  store = undefined;
});

const runtime = createShopifyRuntime({ http: { allowPrivateCidrs: ['127.0.0.1/32'] } });

function run(result: object, effects = memoryEffectStore()) {
  const ctx = createTestContext(
    shopifyApplyPaymentResultNode,
    { connectionId: 'c', orderId: ORDER, result },
    {
      effects,
      connection: {
        type: 'shopify',
        values: {
          shopDomain: 'demo.myshopify.com',
          environment: 'custom',
          baseUrl: store!.server.origin,
          accessToken: 'shpat_x',
          webhookSecret: 'w',
        },
      },
    },
  );
  return createShopifyApplyPaymentResultExecutor(runtime).execute(ctx) as Promise<{ output: any }>;
}

const paidOrder = (): FakeOrder => ({
  id: ORDER,
  totalCents: 4999,
  transactions: [
    { id: SALE, kind: 'SALE', status: 'SUCCESS', gateway: 'PayTrace', cents: 4999, parentId: null },
  ],
  tags: [],
  note: null,
});
const refund = (cents?: number) => ({
  status: 'approved',
  operation: 'refund',
  transactionId: '777',
  ...(cents === undefined ? {} : { amount: { minor: cents, currency: 'USD' } }),
});

describe('apply-payment-result: refunds and voids', () => {
  it('records a PayTrace refund against the payment: partial, then the rest, then nothing', async () => {
    store = await startFakeOrderStore(paidOrder());
    const first = await run(refund(1000));
    expect(first.output).toMatchObject({
      outcome: 'refunded',
      expectedStatus: 'PARTIALLY_REFUNDED',
      reversal: { kind: 'refund', amount: { minor: 1000, currency: 'USD' }, origin: 'shopify' },
      financialStatus: 'PARTIALLY_REFUNDED',
    });
    const sent = store.server.received.find((r) => /RefundCreate/.test(r.json?.query))?.json
      .variables;
    expect(sent.input).toEqual({
      orderId: ORDER,
      note: 'PayTrace refunded 777',
      notify: false,
      transactions: [
        { orderId: ORDER, parentId: SALE, amount: '10.00', gateway: 'PayTrace', kind: 'REFUND' },
      ],
    });
    const rest = await run(refund());
    expect(rest.output).toMatchObject({ expectedStatus: 'REFUNDED', financialStatus: 'REFUNDED' });
    const again = await run(refund());
    expect(again.output).toMatchObject({ actions: ['append-note'], reversal: null });
    expect(store.order.transactions.filter((t) => t.kind === 'REFUND').map((t) => t.cents)).toEqual(
      [1000, 3999],
    );
  });

  it('after a lost refund answer finds the refund on the order instead of refunding twice', async () => {
    store = await startFakeOrderStore(paidOrder(), ['RefundCreate']);
    const result = await run(refund(2500));
    expect(result.output).toMatchObject({ reversal: { kind: 'refund', origin: 'lookup' } });
    expect(store.operations().filter((name) => name === 'RefundCreate')).toHaveLength(1);
    expect(store.order.transactions.filter((t) => t.kind === 'REFUND')).toHaveLength(1);
  });

  it('voids the open authorization for a PayTrace void', async () => {
    store = await startFakeOrderStore({
      id: ORDER,
      totalCents: 4999,
      transactions: [
        {
          id: AUTH,
          kind: 'AUTHORIZATION',
          status: 'SUCCESS',
          gateway: 'PayTrace',
          cents: 4999,
          parentId: null,
        },
      ],
      tags: [],
      note: null,
    });
    const result = await run({ status: 'approved', operation: 'void', transactionId: '778' });
    expect(result.output).toMatchObject({
      outcome: 'voided',
      expectedStatus: 'VOIDED',
      reversal: { kind: 'void', origin: 'shopify' },
      financialStatus: 'VOIDED',
    });
    expect(store.order.tags).toEqual(['paytrace-voided']);
    const again = await run({ status: 'approved', operation: 'void', transactionId: '778' });
    expect(again.output).toMatchObject({ reversal: null, actions: ['append-note'] });
    expect(store.operations().filter((name) => name === 'TransactionVoid')).toHaveLength(1);
  });

  it('reverses a recorded payment as a refund when PayTrace voids the sale', async () => {
    store = await startFakeOrderStore(paidOrder());
    const result = await run({ status: 'approved', operation: 'void', transactionId: '779' });
    expect(result.output).toMatchObject({
      expectedStatus: 'REFUNDED',
      reversal: { kind: 'refund', amount: { minor: 4999, currency: 'USD' } },
    });
  });
});
