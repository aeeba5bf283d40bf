import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';

const SECRET = 'shopify-app-client-secret-for-tests';
const SHOP = 'paybridge-demo.myshopify.com';

let rt: RuntimeHandle;
let base: string;
let connectionId: string;

function shopifyFlow(config: Record<string, unknown>) {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId, ...config },
      },
      {
        id: 'shape',
        type: 'map',
        typeVersion: 1,
        config: {
          expression: '{ "order": body.id, "topic": topic, "customer": body.customer.id }',
        },
      },
    ],
    edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
  };
}

/** The raw bytes Shopify would send: ids as bare JSON integers beyond 2^53. */
function orderBody(id: string, updatedAt: string, gateway = 'PayTrace'): string {
  return `{"id":${id},"name":"#1001","updated_at":"${updatedAt}","financial_status":"pending","payment_gateway_names":["${gateway}"],"total_price":"19.99","customer":{"id":${id}7,"email":"a@b.example"}}`;
}

function deliver(
  body: string,
  opts: { topic?: string; webhookId?: string; secret?: string; shop?: string; id?: string } = {},
) {
  const headers: Record<string, string> = {
    authorization: '',
    'content-type': 'application/json',
    'x-shopify-topic': opts.topic ?? 'orders/create',
    'x-shopify-hmac-sha256': createHmac('sha256', opts.secret ?? SECRET)
      .update(body)
      .digest('base64'),
    'x-shopify-shop-domain': opts.shop ?? SHOP,
    'x-shopify-api-version': '2025-10',
    'x-shopify-webhook-id': opts.webhookId ?? randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
  };
  return call(base, 'POST', `/hooks/shopify/${opts.id ?? connectionId}`, body, headers);
}

async function countEvents(): Promise<number> {
  const runs = await call(base, 'GET', '/api/runs?limit=500');
  return new Set(runs.body.runs.map((r: any) => r.eventId)).size;
}

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
  const created = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Demo store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SECRET },
  });
  expect(created.status).toBe(201);
  connectionId = created.body.id;
  const flow = await call(base, 'POST', '/api/flows', {
    name: 'PayTrace orders',
    graph: shopifyFlow({ topics: ['orders/create', 'orders/updated'], gatewayNames: ['PayTrace'] }),
    activate: true,
  });
  expect(flow.status).toBe(201);
});
afterAll(async () => {
  await rt?.stop();
});

describe('Shopify webhook ingress', () => {
  it('verifies, stores and runs a delivery, keeping ids above 2^53 exact', async () => {
    const res = await deliver(orderBody('9007199254740993123', '2025-03-01T10:00:00-05:00'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
    expect(res.body.runIds).toHaveLength(1);
    const run = await waitForRun(base, res.body.runIds[0]);
    expect(run.status).toBe('succeeded');
    const shape = run.steps.find((s: any) => s.nodeId === 'shape');
    expect(shape.output).toEqual({
      order: '9007199254740993123',
      topic: 'orders/create',
      customer: '90071992547409931237',
    });
  });

  it('starts no second run for a repeated delivery id or for the same change redelivered', async () => {
    const body = orderBody('820982911946154508', '2025-03-02T10:00:00Z');
    const updated = { topic: 'orders/updated' };
    const first = await deliver(body, { ...updated, webhookId: 'wh-dup-1' });
    const again = await deliver(body, { ...updated, webhookId: 'wh-dup-1' });
    const retried = await deliver(body, { ...updated, webhookId: 'wh-dup-2' });
    const sameChangeOtherOffset = await deliver(
      orderBody('820982911946154508', '2025-03-02T05:00:00-05:00'),
      { ...updated, webhookId: 'wh-dup-3' },
    );
    expect(first.body.status).toBe('accepted');
    for (const dup of [again, retried, sameChangeOtherOffset]) {
      expect(dup.status).toBe(200);
      expect(dup.body.status).toBe('duplicate');
      expect(dup.body.runIds).toEqual(first.body.runIds);
    }
    const newer = await deliver(orderBody('820982911946154508', '2025-03-02T10:00:01Z'), updated);
    expect(newer.body.status).toBe('accepted');
    expect(newer.body.runIds).not.toEqual(first.body.runIds);
  });

  it('counts an order as created once, however late a creation is delivered again', async () => {
    const created = await deliver(orderBody('5012345678901', '2025-03-02T10:00:00Z'));
    const lateCopy = await deliver(orderBody('5012345678901', '2025-03-02T11:30:00Z'));
    expect(created.body.status).toBe('accepted');
    expect(lateCopy.body.status).toBe('duplicate');
    expect(lateCopy.body.runIds).toEqual(created.body.runIds);
  });

  it('refuses bad signatures, another shop and unknown connections alike, storing nothing', async () => {
    const before = await countEvents();
    const body = orderBody('1001', '2025-03-03T10:00:00Z');
    for (const res of [
      await deliver(body, { secret: 'wrong-secret' }),
      await deliver(body, { shop: 'other-store.myshopify.com' }),
      await deliver(body, { id: randomUUID() }),
      await deliver(body, { id: 'not-a-uuid' }),
      await call(base, 'POST', `/hooks/shopify/${connectionId}`, body, {
        authorization: '',
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': 'x',
        'x-shopify-shop-domain': SHOP,
      }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'UNAUTHORIZED', message: 'Request authentication failed' },
      });
    }
    expect(await countEvents()).toBe(before);
  });

  it('says what is wrong with a signed but malformed delivery', async () => {
    const bad = await deliver('{"id": 12,', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const body = orderBody('1002', '2025-03-03T10:00:00Z');
    const noTopic = await call(base, 'POST', `/hooks/shopify/${connectionId}`, body, {
      authorization: '',
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
      'x-shopify-shop-domain': SHOP,
    });
    expect(noTopic.status).toBe(400);
    expect(noTopic.body.error.message).toMatch(/X-Shopify-Topic/);
  });

  it('acknowledges topics and gateways no flow takes without starting anything', async () => {
    const before = await countEvents();
    const otherGateway = await deliver(
      orderBody('1003', '2025-03-03T10:00:00Z', 'shopify_payments'),
    );
    const otherTopic = await deliver(orderBody('1004', '2025-03-03T10:00:00Z'), {
      topic: 'refunds/create',
    });
    for (const res of [otherGateway, otherTopic]) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ignored');
    }
    expect(otherGateway.body.reason).toBe('gateway-filtered');
    expect(otherGateway.body.message).toMatch(
      /filtered out by the gateway filter of flow "PayTrace orders" \(only PayTrace; the order names shopify_payments\)/,
    );
    expect(otherTopic.body).toMatchObject({
      reason: 'no-flow-for-topic',
      message: 'No active flow takes refunds/create from this store',
    });
    expect(await countEvents()).toBe(before);
  });

  it('lists and counts what matched no flow, with the reason, once per delivery', async () => {
    const filtered = orderBody('1006', '2025-03-03T10:00:00Z', 'Cash on Delivery');
    await deliver(filtered, { webhookId: 'wh-unmatched-1' });
    await deliver(filtered, { webhookId: 'wh-unmatched-1' });
    await deliver(orderBody('1007', '2025-03-03T10:00:00Z'), { topic: 'disputes/create' });
    const list = await call(base, 'GET', `/api/events/unmatched?connectionId=${connectionId}`);
    expect(list.status).toBe(200);
    const counts = Object.fromEntries(
      list.body.counts.map((c: any) => [`${c.reason} ${c.topic}`, c.count]),
    );
    // Earlier test: one order filtered out by gateway and one refund nobody takes.
    expect(counts).toEqual({
      'gateway-filtered orders/create': 2,
      'no-flow-for-topic refunds/create': 1,
      'no-flow-for-topic disputes/create': 1,
    });
    expect(list.body.total).toBe(4);
    const cash = list.body.events.find((e: any) => e.resourceId === '1006');
    expect(cash).toMatchObject({
      topic: 'orders/create',
      deliveryId: 'wh-unmatched-1',
      reason: 'gateway-filtered',
      details: {
        flows: [{ flowName: 'PayTrace orders', wanted: ['PayTrace'], named: ['Cash on Delivery'] }],
      },
    });
    const byReason = await call(base, 'GET', '/api/events/unmatched?reason=no-flow-for-topic');
    expect(byReason.body.events.map((e: any) => e.topic).sort()).toEqual([
      'disputes/create',
      'refunds/create',
    ]);
    // A time window: everything above arrived within the last hour, nothing before it.
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const recent = await call(base, 'GET', `/api/events/unmatched?since=${hourAgo}`);
    expect(recent.status).toBe(200);
    expect(recent.body.events.length).toBeGreaterThanOrEqual(3);
    const older = await call(base, 'GET', `/api/events/unmatched?before=${hourAgo}`);
    expect(older.status).toBe(200);
    expect(older.body.events).toEqual([]);
    const viewerless = await call(base, 'GET', '/api/events/unmatched', undefined, {
      authorization: '',
    });
    expect(viewerless.status).toBe(401);
  });

  it('takes a reused webhook id with another body as a new order, never as its duplicate', async () => {
    // A store restored from a backup (or a simulator restarted) re-issues old webhook ids.
    const first = await deliver(orderBody('7001', '2025-03-05T10:00:00Z'), {
      webhookId: 'wh-reused-1',
    });
    const reused = await deliver(orderBody('7002', '2025-03-05T10:00:00Z'), {
      webhookId: 'wh-reused-1',
    });
    const reusedAgain = await deliver(orderBody('7002', '2025-03-05T10:00:00Z'), {
      webhookId: 'wh-reused-1',
    });
    const firstAgain = await deliver(orderBody('7001', '2025-03-05T10:00:00Z'), {
      webhookId: 'wh-reused-1',
    });
    expect(first.body.status).toBe('accepted');
    expect(reused.body.status).toBe('accepted');
    expect(reused.body.eventId).not.toBe(first.body.eventId);
    expect(reusedAgain.body).toMatchObject({ status: 'duplicate', eventId: reused.body.eventId });
    expect(firstAgain.body).toMatchObject({ status: 'duplicate', eventId: first.body.eventId });
    const run = await waitForRun(base, reused.body.runIds[0]);
    expect(run.steps.find((s: any) => s.nodeId === 'shape').output.order).toBe('7002');
    // And the new order's own identity now names its event: a later copy is its duplicate.
    const copy = await deliver(orderBody('7002', '2025-03-05T10:00:00Z'));
    expect(copy.body).toMatchObject({ status: 'duplicate', eventId: reused.body.eventId });
  });

  it('starts one run per subscribed flow from a single delivery', async () => {
    const second = await call(base, 'POST', '/api/flows', {
      name: 'All refunds',
      graph: shopifyFlow({ topics: ['refunds/create', 'orders/create'] }),
      activate: true,
    });
    expect(second.status).toBe(201);
    const res = await deliver(orderBody('1005', '2025-03-04T10:00:00Z'));
    expect(res.body.status).toBe('accepted');
    expect(res.body.runIds).toHaveLength(2);
    const runs = await Promise.all(res.body.runIds.map((id: string) => waitForRun(base, id)));
    expect(new Set(runs.map((r) => r.flowId)).size).toBe(2);
  });
});
