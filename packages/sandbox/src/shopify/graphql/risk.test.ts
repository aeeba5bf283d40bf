import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, startShop } from '../test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;
beforeAll(async () => {
  shop = await startShop({ settings: { autoDeliver: false } });
});
afterAll(() => shop.close());
afterEach(() => {
  Object.assign(shop.sim.handle.settings, {
    riskRecommendation: 'highest-level',
    riskAssessmentReplacesOwn: false,
    riskAssessmentTouchesOrder: false,
    orderCancelJobSeconds: 0,
  });
});

const ASSESS = `mutation($input: OrderRiskAssessmentCreateInput!) {
  orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
    orderRiskAssessment { riskLevel facts { description sentiment } provider { title } }
    userErrors { field message code }
  }
}`;
const RISK = `query($id: ID!) { order(id: $id) {
  risk { recommendation assessments { riskLevel facts { description sentiment } provider { title } } }
} }`;
const CANCEL = `mutation($id: ID!, $reason: OrderCancelReason!, $refund: Boolean, $note: String, $notify: Boolean) {
  orderCancel(orderId: $id, reason: $reason, refund: $refund, restock: false, staffNote: $note, notifyCustomer: $notify) {
    job { id done }
    orderCancelUserErrors { field message code }
    userErrors { field message }
  }
}`;
const STATE = `query($id: ID!) { order(id: $id) {
  cancelledAt cancelReason closed displayFinancialStatus cancellation { staffNote }
  totalRefundedSet { shopMoney { amount } }
} }`;
const JOB = 'query($id: ID!) { job(id: $id) { id done query { shop { name } } } }';

const gidOf = (id: string) => `gid://shopify/Order/${id}`;
const place = (extra: Record<string, unknown> = {}) =>
  shop.sim.handle.createOrder({
    line_items: [{ title: 'Thing', price: '100.00' }],
    gateway: 'PayTrace',
    ...extra,
  }).id;
const assess = async (orderId: string, riskLevel: string, facts: unknown[] = []) =>
  (await shop.gql(ASSESS, { input: { orderId, riskLevel, facts } })).body;
const risk = async (id: string) => (await shop.gql(RISK, { id })).body.data.order.risk;

describe('orderRiskAssessmentCreate and Order.risk', () => {
  it('writes an assessment with its facts and reads it back on the order', async () => {
    const id = gidOf(place());
    expect(await risk(id)).toEqual({ recommendation: 'NONE', assessments: [] });
    const facts = [
      { description: 'Billing and shipping countries differ', sentiment: 'NEGATIVE' },
      { description: 'Returning customer', sentiment: 'POSITIVE' },
    ];
    const body = await assess(id, 'HIGH', facts);
    expect(body.errors).toBeUndefined();
    expect(body.data.orderRiskAssessmentCreate).toEqual({
      orderRiskAssessment: { riskLevel: 'HIGH', facts, provider: { title: 'Paybridge' } },
      userErrors: [],
    });
    expect(await risk(id)).toEqual({
      recommendation: 'CANCEL',
      assessments: [{ riskLevel: 'HIGH', facts, provider: { title: 'Paybridge' } }],
    });
  });

  it('derives the recommendation from the highest level (a setting: UNCONFIRMED rule)', async () => {
    const id = gidOf(place());
    await assess(id, 'LOW');
    expect((await risk(id)).recommendation).toBe('ACCEPT');
    await assess(id, 'MEDIUM');
    expect((await risk(id)).recommendation).toBe('INVESTIGATE');
    expect((await risk(id)).assessments).toHaveLength(2);
    shop.sim.handle.settings.riskRecommendation = 'shopify-only';
    expect((await risk(id)).recommendation).toBe('NONE');
  });

  it('replaces the app’s earlier assessment when the setting says so', async () => {
    shop.sim.handle.settings.riskAssessmentReplacesOwn = true;
    const id = gidOf(place());
    await assess(id, 'HIGH');
    await assess(id, 'LOW');
    expect(await risk(id)).toMatchObject({
      recommendation: 'ACCEPT',
      assessments: [{ riskLevel: 'LOW' }],
    });
  });

  it('refuses with coded user errors and changes nothing', async () => {
    const id = gidOf(place());
    const fact = { description: 'x', sentiment: 'NEUTRAL' };
    const tooMany = await assess(
      id,
      'HIGH',
      Array.from({ length: 21 }, () => fact),
    );
    expect(tooMany.data.orderRiskAssessmentCreate).toEqual({
      orderRiskAssessment: null,
      userErrors: [
        {
          field: ['orderRiskAssessmentInput', 'facts'],
          message: 'Too many facts: at most 20 can be provided',
          code: 'TOO_MANY_FACTS',
        },
      ],
    });
    const twenty = await assess(
      id,
      'LOW',
      Array.from({ length: 20 }, () => fact),
    );
    expect(twenty.data.orderRiskAssessmentCreate.userErrors).toEqual([]);
    const missing = await assess(gidOf('1'), 'HIGH');
    expect(missing.data.orderRiskAssessmentCreate.userErrors).toEqual([
      {
        field: ['orderRiskAssessmentInput', 'orderId'],
        message: 'Order does not exist',
        code: 'NOT_FOUND',
      },
    ]);
    const blank = await assess(id, 'HIGH', [fact, { description: ' ', sentiment: 'NEGATIVE' }]);
    expect(blank.data.orderRiskAssessmentCreate.userErrors[0]).toMatchObject({
      field: ['orderRiskAssessmentInput', 'facts', '1', 'description'],
      code: 'INVALID',
    });
    const fulfilled = place();
    await shop.admin('POST', `/orders/${fulfilled}/fulfillments`, { tracking_number: '1Z' });
    const shipped = await assess(gidOf(fulfilled), 'HIGH');
    expect(shipped.data.orderRiskAssessmentCreate.userErrors[0]?.code).toBe(
      'ORDER_ALREADY_FULFILLED',
    );
    expect((await risk(id)).assessments).toHaveLength(1);
  });

  it('rejects an unknown level or sentiment before anything runs, and truncates long facts', async () => {
    const id = gidOf(place());
    const badLevel = await assess(id, 'SEVERE');
    expect(badLevel.errors?.[0]?.message).toContain('riskLevel');
    const badSentiment = await assess(id, 'LOW', [{ description: 'x', sentiment: 'BAD' }]);
    expect(badSentiment.errors).toBeDefined();
    const long = await assess(id, 'LOW', [{ description: 'y'.repeat(300), sentiment: 'NEUTRAL' }]);
    const written = long.data.orderRiskAssessmentCreate.orderRiskAssessment.facts[0].description;
    expect(written).toHaveLength(256);
    expect((await risk(id)).assessments).toHaveLength(1);
  });

  it('fires orders/updated only when the (UNCONFIRMED) setting says the write touches the order', async () => {
    const receiver = await startReceiver();
    const sub = shop.sim.handle.subscribe('orders/updated', receiver.url);
    try {
      const raw = place();
      await shop.sim.handle.deliveries.flush();
      const before = receiver.received.length;
      await assess(gidOf(raw), 'LOW');
      await shop.sim.handle.deliveries.flush();
      expect(receiver.received.length).toBe(before);
      shop.sim.handle.settings.riskAssessmentTouchesOrder = true;
      await assess(gidOf(raw), 'LOW');
      await shop.sim.handle.deliveries.flush();
      expect(receiver.received.length).toBe(before + 1);
    } finally {
      shop.sim.handle.unsubscribe(sub.id);
      await receiver.close();
    }
  });
});

describe('orderCancel', () => {
  it('cancels with a reason and staff note, answers a done job, and sends orders/cancelled', async () => {
    const receiver = await startReceiver();
    const sub = shop.sim.handle.subscribe('orders/cancelled', receiver.url);
    try {
      const raw = place();
      const id = gidOf(raw);
      const { body } = await shop.gql(CANCEL, { id, reason: 'FRAUD', note: 'Score 91' });
      expect(body.errors).toBeUndefined();
      const payload = body.data.orderCancel;
      expect(payload.orderCancelUserErrors).toEqual([]);
      expect(payload.userErrors).toEqual([]);
      expect(payload.job).toEqual({
        id: expect.stringMatching(/^gid:\/\/shopify\/Job\/[0-9a-f-]{36}$/),
        done: true,
      });
      const state = (await shop.gql(STATE, { id })).body.data.order;
      expect(state).toMatchObject({
        cancelReason: 'FRAUD',
        closed: true,
        cancellation: { staffNote: 'Score 91' },
      });
      expect(state.cancelledAt).toMatch(/Z$/);
      const job = (await shop.gql(JOB, { id: payload.job.id })).body.data.job;
      expect(job).toMatchObject({
        id: payload.job.id,
        done: true,
        query: { shop: { name: expect.any(String) } },
      });
      await shop.sim.handle.deliveries.flush();
      // Ids exceed 2^53: find the order by its exact text in the raw body.
      const delivered = receiver.received.filter((r) => r.raw.toString().includes(`"id":${raw},`));
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.headers['x-shopify-topic']).toBe('orders/cancelled');
      expect(delivered[0]!.json).toMatchObject({ cancel_reason: 'fraud' });
      expect(delivered[0]!.json.cancelled_at).toEqual(expect.any(String));
    } finally {
      shop.sim.handle.unsubscribe(sub.id);
      await receiver.close();
    }
  });

  it('releases an open authorization, and refunds what was paid only when asked', async () => {
    const authorized = gidOf(place({ financial_status: 'authorized' }));
    await shop.gql(CANCEL, { id: authorized, reason: 'FRAUD' });
    expect((await shop.gql(STATE, { id: authorized })).body.data.order).toMatchObject({
      displayFinancialStatus: 'VOIDED',
    });
    const paidKept = gidOf(place({ financial_status: 'paid' }));
    await shop.gql(CANCEL, { id: paidKept, reason: 'CUSTOMER', refund: false });
    expect((await shop.gql(STATE, { id: paidKept })).body.data.order).toMatchObject({
      displayFinancialStatus: 'PAID',
      totalRefundedSet: { shopMoney: { amount: '0.0' } },
    });
    const paidRefunded = gidOf(place({ financial_status: 'paid' }));
    await shop.gql(CANCEL, { id: paidRefunded, reason: 'CUSTOMER', refund: true });
    expect((await shop.gql(STATE, { id: paidRefunded })).body.data.order).toMatchObject({
      displayFinancialStatus: 'REFUNDED',
      totalRefundedSet: { shopMoney: { amount: '100.0' } },
    });
  });

  it('takes the newer refundMethod argument, and refuses store credit it does not simulate', async () => {
    const METHOD = `mutation($id: ID!, $method: OrderCancelRefundMethodInput) {
      orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refundMethod: $method) {
        job { done } orderCancelUserErrors { field code }
      }
    }`;
    const paid = gidOf(place({ financial_status: 'paid' }));
    const credit = { storeCreditRefund: { expiresAt: null } };
    const refused = (await shop.gql(METHOD, { id: paid, method: credit })).body.data.orderCancel;
    expect(refused).toEqual({
      job: null,
      orderCancelUserErrors: [{ field: ['refundMethod', 'storeCreditRefund'], code: 'INVALID' }],
    });
    const method = { originalPaymentMethodsRefund: true };
    const done = (await shop.gql(METHOD, { id: paid, method })).body.data.orderCancel;
    expect(done).toEqual({ job: { done: true }, orderCancelUserErrors: [] });
    expect((await shop.gql(STATE, { id: paid })).body.data.order).toMatchObject({
      cancelReason: 'CUSTOMER',
      displayFinancialStatus: 'REFUNDED',
    });
  });

  it('refuses a cancelled or unknown order with coded errors, and a bad reason before running', async () => {
    const id = gidOf(place());
    await shop.gql(CANCEL, { id, reason: 'FRAUD' });
    const again = (await shop.gql(CANCEL, { id, reason: 'FRAUD' })).body.data.orderCancel;
    expect(again).toEqual({
      job: null,
      orderCancelUserErrors: [
        { field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' },
      ],
      userErrors: [{ field: ['orderId'], message: 'Order has already been cancelled' }],
    });
    const missing = (await shop.gql(CANCEL, { id: gidOf('1'), reason: 'FRAUD' })).body.data;
    expect(missing.orderCancel.orderCancelUserErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const bad = (await shop.gql(CANCEL, { id, reason: 'BECAUSE' })).body;
    expect(bad.errors?.[0]?.message).toContain('reason');
  });

  it('runs as a background job when the job takes time: not done, then done at the next request', async () => {
    shop.sim.handle.settings.orderCancelJobSeconds = 5;
    const id = gidOf(place());
    const payload = (await shop.gql(CANCEL, { id, reason: 'STAFF' })).body.data.orderCancel;
    expect(payload.job.done).toBe(false);
    expect((await shop.gql(JOB, { id: payload.job.id })).body.data.job).toMatchObject({
      done: false,
      query: null,
    });
    expect((await shop.gql(STATE, { id })).body.data.order.cancelledAt).toBeNull();
    const twice = (await shop.gql(CANCEL, { id, reason: 'STAFF' })).body.data.orderCancel;
    expect(twice.orderCancelUserErrors[0]).toMatchObject({ code: 'INVALID' });
    shop.sim.handle.advanceClock(5_000);
    expect((await shop.gql(STATE, { id })).body.data.order.cancelReason).toBe('STAFF');
    expect((await shop.gql(JOB, { id: payload.job.id })).body.data.job.done).toBe(true);
  });
});
