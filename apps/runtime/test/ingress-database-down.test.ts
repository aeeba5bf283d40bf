/**
 * Trigger ingress while Postgres is down: every path answers 503 with `Retry-After`, so Shopify
 * and REST senders retry, and the same deliveries are accepted once Postgres is back. Runs
 * against its own embedded Postgres (stopped and started here), never the shared test cluster.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres';
import { createLogger } from '../src/logger';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, restFlow, startTestRuntime } from './support';

const SECRET = 'shopify-app-client-secret-for-down-tests';
const SHOP = 'paybridge-down.myshopify.com';

let dir: string;
let port: number;
let pg: EmbeddedDatabase | null = null;
let rt: RuntimeHandle;
let base: string;
let connectionId: string;

const startPostgres = () =>
  startEmbeddedPostgres({ dataDir: dir, port, logger: createLogger('error') });

function shopifyDelivery(id: string, webhookId: string, connection = connectionId) {
  const body = `{"id":${id},"updated_at":"2025-03-01T10:00:00Z","payment_gateway_names":["PayTrace"],"total_price":"19.99"}`;
  return call(base, 'POST', `/hooks/shopify/${connection}`, body, {
    authorization: '',
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/create',
    'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
    'x-shopify-shop-domain': SHOP,
    'x-shopify-api-version': '2025-10',
    'x-shopify-webhook-id': webhookId,
  });
}

const restDelivery = (n: number) =>
  call(base, 'POST', '/hooks/down/orders', { order: n }, { authorization: '' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-down-'));
  pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: createLogger('error') });
  port = Number(new URL(pg.url).port);
  // API role only: this test is about ingress, not about workers riding out the outage.
  rt = await startTestRuntime(pg.url, { role: 'api' });
  base = rt.url!;
  const rest = await call(base, 'POST', '/api/flows', {
    name: 'REST orders',
    graph: restFlow(
      'down/orders',
      [{ id: 'shape', type: 'map', config: { expression: '$' } }],
      [['trigger', 'shape']],
    ),
    activate: true,
  });
  expect(rest.status).toBe(201);
  const connection = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SECRET },
  });
  expect(connection.status).toBe(201);
  connectionId = connection.body.id;
  const shopify = await call(base, 'POST', '/api/flows', {
    name: 'Shopify orders',
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.shopify',
          typeVersion: 1,
          config: { connectionId, topics: ['orders/create'] },
        },
      ],
      edges: [],
    },
    activate: true,
  });
  expect(shopify.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('ingress while the database is down', () => {
  it('answers 503 with Retry-After on every trigger path, then accepts the retries', async () => {
    expect((await restDelivery(1)).status).toBe(202);
    expect((await shopifyDelivery('9001', 'wh-down-0')).body.status).toBe('accepted');

    await pg!.stop();
    pg = null;
    const down = [
      await restDelivery(2),
      await shopifyDelivery('9002', 'wh-down-1'),
      // A connection whose secrets are not cached: its lookup fails, not just the write.
      await shopifyDelivery('9003', 'wh-down-2', randomUUID()),
      // A path never looked up before: the trigger table is not what answers.
      await call(base, 'POST', '/hooks/down/unknown', { order: 3 }, { authorization: '' }),
    ];
    for (const res of down) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(res.body.error.message).toMatch(
        /could not be stored: the database is unreachable\. Send it again in 5 s/,
      );
    }

    pg = await startPostgres();
    const retried = await restDelivery(2);
    expect(retried.status).toBe(202);
    const shopify = await shopifyDelivery('9002', 'wh-down-1');
    expect(shopify.status).toBe(200);
    expect(shopify.body.status).toBe('accepted');
    expect(shopify.body.runIds).toHaveLength(1);
  }, 120_000);
});
