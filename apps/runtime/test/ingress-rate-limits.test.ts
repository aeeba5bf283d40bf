import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

const TOKEN = 'tok_rate-limit-test-0123456789';
const SHOPIFY_SECRET = 'shopify-app-client-secret-for-rate-limits';
const SHOP = 'paybridge-demo.myshopify.com';

// Two API processes' worth of runtimes on one database: the allowance must be shared.
let a: RuntimeHandle;
let b: RuntimeHandle;
let sql: Sql;
let connectionId: string;

async function stored(source: string): Promise<{ events: number; runs: number }> {
  const [row] = await sql<{ events: number; runs: number }[]>`
    select (select count(*) from events where source like ${source})::int as events,
           (select count(*) from runs r join events e on e.id = r.event_id
            where e.source like ${source})::int as runs`;
  return row!;
}

async function hook(rt: RuntimeHandle, path: string, token: string) {
  const res = await fetch(`${rt.url}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ order: randomUUID() }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function shopify(rt: RuntimeHandle) {
  const body = `{"id":${Math.floor(Math.random() * 1e15)},"updated_at":"2025-03-01T10:00:00Z","payment_gateway_names":["PayTrace"],"total_price":"1.00"}`;
  const res = await fetch(`${rt.url}/hooks/shopify/${connectionId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SECRET).update(body).digest('base64'),
      'x-shopify-shop-domain': SHOP,
      'x-shopify-webhook-id': randomUUID(),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

beforeAll(async () => {
  const url = await freshDatabase();
  // A Shopify limit of 3 at once (refilled at 1 a minute, i.e. not during this test).
  const env = {
    PAYBRIDGE_SHOPIFY_WEBHOOK_RATE_PER_MINUTE: '1',
    PAYBRIDGE_SHOPIFY_WEBHOOK_BURST: '3',
  };
  a = await startTestRuntime(url, { role: 'api', env });
  b = await startTestRuntime(url, { role: 'api', env });
  sql = openSql(url, { max: 2 });
  const bearer = await call(a.url!, 'POST', '/api/connections', {
    type: 'webhook.bearer',
    name: 'sender',
    values: { token: TOKEN },
  });
  expect(bearer.status).toBe(201);
  const auth = { type: 'bearer', connectionId: bearer.body.id };
  for (const [path, rateLimit] of [
    ['limited/orders', { perMinute: 1, burst: 4 }],
    ['unlimited/orders', { perMinute: 0 }],
  ] as const) {
    const flow = await call(a.url!, 'POST', '/api/flows', {
      name: path,
      graph: restFlow(
        path,
        [{ id: 'm', type: 'map', config: { expression: 'body' } }],
        [['trigger', 'm']],
        { auth, rateLimit },
      ),
      activate: true,
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  }
  const store = await call(a.url!, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Demo store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SHOPIFY_SECRET },
  });
  expect(store.status).toBe(201);
  connectionId = store.body.id;
  const shopFlow = await call(a.url!, 'POST', '/api/flows', {
    name: 'orders',
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.shopify',
          typeVersion: 1,
          config: { connectionId, topics: ['orders/create'] },
        },
        { id: 'm', type: 'map', typeVersion: 1, config: { expression: 'body' } },
      ],
      edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'm', port: 'in' } }],
    },
    activate: true,
  });
  expect(shopFlow.status, JSON.stringify(shopFlow.body)).toBe(201);
});
afterAll(async () => {
  await sql?.end();
  await a?.stop();
  await b?.stop();
});

describe('per-trigger rate limits', () => {
  it('shares a REST trigger limit between API processes, answers 429 with Retry-After and stores nothing over it', async () => {
    // Refused callers do not count: a flood of bad tokens leaves the whole allowance to the sender.
    for (let i = 0; i < 12; i++) {
      expect(
        (await hook(i % 2 ? a : b, 'limited/orders', 'tok_wrong-token-000000000')).status,
      ).toBe(401);
    }
    const accepted = [
      await hook(a, 'limited/orders', TOKEN),
      await hook(b, 'limited/orders', TOKEN),
      await hook(a, 'limited/orders', TOKEN),
      await hook(b, 'limited/orders', TOKEN),
    ];
    expect(accepted.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const before = await stored('rest:limited/orders');
    expect(before).toEqual({ events: 4, runs: 4 });

    for (const rt of [a, b, a, b]) {
      const over = await hook(rt, 'limited/orders', TOKEN);
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(over.body.error.message).toMatch(/1 per minute.*nothing was stored/);
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect(await stored('rest:limited/orders')).toEqual(before);
  });

  it('keeps a trigger with perMinute 0 unlimited', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => hook(i % 2 ? a : b, 'unlimited/orders', TOKEN)),
    );
    expect(statuses.every((r) => r.status === 202)).toBe(true);
  });

  it('limits Shopify webhooks per connection across processes with 429 and Retry-After', async () => {
    const ok = [await shopify(a), await shopify(b), await shopify(a)];
    expect(ok.map((r) => [r.status, r.body.status])).toEqual([
      [200, 'accepted'],
      [200, 'accepted'],
      [200, 'accepted'],
    ]);
    const before = await stored('shopify%');
    expect(before.events).toBe(3);
    for (const rt of [b, a]) {
      const over = await shopify(rt);
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(await stored('shopify%')).toEqual(before);
  });
});
