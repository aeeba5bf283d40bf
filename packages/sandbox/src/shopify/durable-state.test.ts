import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, type SimulatorStore } from '../persistence/store.js';
import { openShopifySimulator, type DurableShopifySimulator } from './simulator.js';
import { CURRENT_VERSION, startReceiver } from './test-support.js';
import { SHOPIFY_DEMO_CREDENTIALS } from './simulator.js';

const open = (store: SimulatorStore, flushIntervalMs = 50) =>
  openShopifySimulator({
    durable: { store, flushIntervalMs, idBlock: 8 },
    settings: { autoDeliver: false },
  });

const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

/** Places an order and sends its webhooks; returns the order id and the webhook ids sent. */
async function placeOrder(sim: DurableShopifySimulator) {
  const order = sim.handle.createOrder({
    gateway: 'PayTrace',
    line_items: [{ title: 'Mug', price: '12.50', quantity: 2 }],
  });
  await sim.handle.deliveries.flush();
  return order.id;
}

/** Runs a GraphQL request against the simulator's app (in process). */
async function gql(sim: DurableShopifySimulator, query: string, variables: object) {
  const response = await sim.app.request(`/admin/api/${CURRENT_VERSION}/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
    },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: any }).data;
}

describe('Shopify simulator over a durable store', () => {
  it('keeps orders, customers and subscriptions across a restart, and webhook ids keep growing', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const store = memoryStore();
    const first = await open(store);
    first.handle.subscribe('orders/create', receiver.url);
    const customer = first.handle.createCustomer({ email: 'kept@example.com' });
    const orderId = await placeOrder(first);
    await first.close();

    const second = await open(store);
    expect(second.handle.state.orders.get(orderId)?.lineItems).toHaveLength(1);
    expect(second.handle.state.customers.get(customer.id)?.email).toBe('kept@example.com');
    expect(second.handle.state.subscriptions.size).toBe(1);
    const nextOrder = await placeOrder(second);
    expect(BigInt(nextOrder)).toBeGreaterThan(BigInt(orderId));
    const ids = receiver.received.map((r) => String(r.headers['x-shopify-webhook-id']));
    expect(ids).toHaveLength(2);
    expect(ids[1]! > ids[0]!).toBe(true);
    const numbers = [orderId, nextOrder].map((id) => second.handle.state.orders.get(id)!.number);
    expect(numbers[1]).toBeGreaterThan(numbers[0]!);
    await second.close();
  });

  it('never re-issues ids, order numbers or webhook ids after a crash that lost unwritten changes', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const store = memoryStore();
    const setup = await open(store);
    setup.handle.subscribe('orders/create', receiver.url);
    await setup.close();

    // Writes wait an hour: nothing but id reservations reaches the store before the "crash".
    const crashed = await open(store, 3_600_000);
    const lost: string[] = [];
    for (let i = 0; i < 3; i++) lost.push(await placeOrder(crashed));
    const before = receiver.received.map((r) => String(r.headers['x-shopify-webhook-id']));
    const names = lost.map((id) => crashed.handle.state.orders.get(id)!.name);

    const after = await open(store);
    expect(after.handle.state.orders.size).toBe(0);
    const orderId = await placeOrder(after);
    const webhookId = String(receiver.received.at(-1)!.headers['x-shopify-webhook-id']);
    for (const id of before) expect(webhookId > id).toBe(true);
    for (const id of lost) expect(BigInt(orderId)).toBeGreaterThan(BigInt(id));
    expect(names).not.toContain(after.handle.state.orders.get(orderId)!.name);
    await after.close();
    await crashed.handle.deliveries.flush();
  });

  it('keeps risk assessments and a cancellation job still running across a restart', async () => {
    const store = memoryStore();
    const first = await open(store);
    first.handle.settings.orderCancelJobSeconds = 60;
    const assessed = `gid://shopify/Order/${await placeOrder(first)}`;
    const cancelled = `gid://shopify/Order/${await placeOrder(first)}`;
    await gql(first, ASSESS, {
      input: {
        orderId: assessed,
        riskLevel: 'MEDIUM',
        facts: [
          { description: '5 orders from this email in the last hour', sentiment: 'NEGATIVE' },
        ],
      },
    });
    const { orderCancel } = await gql(first, CANCEL, { id: cancelled });
    expect(orderCancel.job.done).toBe(false);
    await first.close();

    const second = await open(store);
    second.handle.settings.orderCancelJobSeconds = 60;
    expect((await gql(second, RISK, { id: assessed })).order.risk).toEqual({
      recommendation: 'INVESTIGATE',
      assessments: [
        {
          riskLevel: 'MEDIUM',
          facts: [
            { description: '5 orders from this email in the last hour', sentiment: 'NEGATIVE' },
          ],
        },
      ],
    });
    expect((await gql(second, RISK, { id: cancelled })).order.cancelledAt).toBeNull();
    second.handle.advanceClock(60_000);
    expect((await gql(second, RISK, { id: cancelled })).order).toMatchObject({
      cancelReason: 'FRAUD',
      cancellation: { staffNote: 'held for review' },
    });
    expect((await gql(second, JOB, { id: orderCancel.job.id })).job.done).toBe(true);
    await second.close();

    const third = await open(store);
    expect((await gql(third, RISK, { id: cancelled })).order.cancelReason).toBe('FRAUD');
    await third.close();
  });
});

const ASSESS = `mutation($input: OrderRiskAssessmentCreateInput!) {
  orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) { userErrors { message } }
}`;
const CANCEL = `mutation($id: ID!) {
  orderCancel(orderId: $id, reason: FRAUD, restock: false, staffNote: "held for review") {
    job { id done } orderCancelUserErrors { message }
  }
}`;
const RISK = `query($id: ID!) { order(id: $id) {
  cancelledAt cancelReason cancellation { staffNote }
  risk { recommendation assessments { riskLevel facts { description sentiment } } }
} }`;
const JOB = 'query($id: ID!) { job(id: $id) { done } }';
