/**
 * Valid-looking input Postgres cannot store (`\u0000`, lone surrogates, a raw NUL) or nested
 * 10k levels deep is answered 400/413 with a message on REST hooks, Shopify ingress and the API,
 * never 500 (which makes senders retry forever), and the runtime keeps answering.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { ADMIN_TOKEN, call, freshDatabase, restFlow, startTestRuntime } from './support';

const SECRET = 'shopify-app-client-secret-for-tests';
const SHOP = 'paybridge-demo.myshopify.com';
const DEEP = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

let rt: RuntimeHandle;
let base: string;
let flowId: string;
let shopifyConnection: string;

async function send(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

function shopify(body: string) {
  return send(`/hooks/shopify/${shopifyConnection}`, body, {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/create',
    'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
    'x-shopify-shop-domain': SHOP,
    'x-shopify-webhook-id': randomUUID(),
  });
}

const api = (path: string, body: string, method = 'POST') =>
  fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
  const flow = await call(base, 'POST', '/api/flows', {
    name: 'intake',
    activate: true,
    graph: restFlow('intake', [], []),
  });
  flowId = flow.body.id;
  const conn = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Demo store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SECRET },
  });
  shopifyConnection = conn.body.id;
  await call(base, 'POST', '/api/flows', {
    name: 'orders',
    activate: true,
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.shopify',
          typeVersion: 1,
          config: { connectionId: shopifyConnection, topics: ['orders/create'] },
        },
      ],
      edges: [],
    },
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const json = { 'content-type': 'application/json' };

describe('unstorable input', () => {
  it.each([
    ['\\u0000 in JSON', '{"note":"a\\u0000b"}', json, 400, 'INVALID_JSON_TEXT', /body\.note.*NUL/],
    ['\\u0000 in a key', '{"a\\u0000":1}', json, 400, 'INVALID_JSON_TEXT', /field name.*NUL/],
    ['a lone surrogate', '{"note":"\\ud800"}', json, 400, 'INVALID_JSON_TEXT', /surrogate/],
    [
      'a raw NUL in text',
      'hello\u0000world',
      { 'content-type': 'text/plain' },
      400,
      'INVALID_JSON_TEXT',
      /NUL/,
    ],
    [
      'a NUL in a form field',
      'a=%00',
      { 'content-type': 'application/x-www-form-urlencoded' },
      400,
      'INVALID_JSON_TEXT',
      /body\.a/,
    ],
    ['10k levels of nesting', DEEP, json, 413, 'NESTING_TOO_DEEP', /128 levels/],
  ])('a REST hook answers %s with a clear 4xx', async (_, body, headers, status, code, message) => {
    const res = await send('/hooks/intake', body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
  });

  it('a REST hook answers a NUL in the query string with 400', async () => {
    const res = await send('/hooks/intake?a=%00', '{}', json);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_JSON_TEXT' });
    expect(res.body.error.message).toMatch(/query\.a/);
  });

  it('Shopify ingress answers them with a clear 4xx', async () => {
    const nul = await shopify('{"id":1,"note":"a\\u0000b"}');
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('INVALID_JSON_TEXT');
    const surrogate = await shopify('{"id":1,"note":"\\udc00"}');
    expect(surrogate.status).toBe(400);
    const deep = await shopify(`{"id":1,"note":${DEEP}}`);
    expect(deep.status).toBe(413);
    expect(deep.body.error.code).toBe('NESTING_TOO_DEEP');
  });

  it('the API answers them with a clear 4xx', async () => {
    const run = await api(`/api/flows/${flowId}/run`, '{"payload":{"note":"a\\u0000"}}');
    expect(run.status).toBe(400);
    expect(run.body.error.code).toBe('INVALID_JSON_TEXT');
    expect(run.body.error.message).toMatch(/body\.payload\.note/);
    const sample = await api(`/api/flows/${flowId}/samples/trigger`, DEEP, 'PUT');
    expect(sample.status).toBe(413);
    const surrogate = await api(`/api/flows/${flowId}/samples/trigger`, '{"a":"\\ud83d"}', 'PUT');
    expect(surrogate.status).toBe(400);
    const named = await api('/api/flows', '{"name":"x\\u0000","graph":{"nodes":[],"edges":[]}}');
    expect(named.status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
