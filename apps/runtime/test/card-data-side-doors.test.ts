/**
 * Card numbers and security codes cannot be stored through any side door: every entry point
 * (REST hook query, headers, Idempotency-Key, bodies of every content type and any depth,
 * Shopify deliveries, manual runs, pinned samples) refuses them, and afterwards a scan of every
 * table of every schema and of the log finds none, while ordinary requests (and a Shopify order
 * whose long id passes Luhn) still go through.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { dumpDatabase } from './db-dump';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';
const AMEX = '378282246310005';
const DISCOVER = '6011111111111117';
const PANS = [VISA, MASTERCARD, AMEX, DISCOVER];
const CSCS = ['7391', '8462'];
const SECRET = 'shopify-app-client-secret-for-tests';
const SHOP = 'paybridge-demo.myshopify.com';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let flowId: string;
let shopifyConnection: string;
const logged: string[] = [];

function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { level: v };
  return v;
}

/** A raw request to a hook, with no credentials. */
async function hook(
  path: string,
  init: { body?: string | FormData; headers?: Record<string, string>; method?: string } = {},
) {
  const res = await fetch(`${base}/hooks/${path}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body, text };
}

function deliver(body: string) {
  return fetch(`${base}/hooks/shopify/${shopifyConnection}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
      'x-shopify-shop-domain': SHOP,
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
}

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, { env: { PAYBRIDGE_LOG_LEVEL: 'debug' } });
  base = rt.url!;
  const flow = await call(base, 'POST', '/api/flows', {
    name: 'intake',
    activate: true,
    graph: restFlow('intake', [], []),
  });
  expect(flow.status).toBe(201);
  flowId = flow.body.id;
  const conn = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Demo store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SECRET },
  });
  expect(conn.status).toBe(201);
  shopifyConnection = conn.body.id;
  const shopFlow = await call(base, 'POST', '/api/flows', {
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
  expect(shopFlow.status).toBe(201);
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await rt?.stop();
  await sql?.end();
});

function expectRefused(res: { status: number; body: any; text?: string }, where: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('CARD_DATA_REFUSED');
  expect(res.body.error.message).toMatch(where);
  for (const pan of PANS) expect(JSON.stringify(res.body)).not.toContain(pan);
}

describe('card data side doors', () => {
  const json = { 'content-type': 'application/json' };
  const multipart = () => {
    const form = new FormData();
    form.append('order', '1001');
    form.append('card[number]', MASTERCARD);
    return form;
  };
  const file = () => {
    const form = new FormData();
    form.append('upload', new Blob([`name,card\nAda,${AMEX}\n`], { type: 'text/csv' }), 'c.csv');
    return form;
  };

  it.each([
    ['query string', () => hook(`intake?card_number=${VISA}`), /query\.card_number/],
    ['query card[number]', () => hook(`intake?card[number]=${VISA}`), /query\.card\[number\]/],
    ['query cvv', () => hook(`intake?cvv=${CSCS[0]}`), /query\.cvv/],
    ['header', () => hook('intake', { headers: { 'x-card-number': VISA } }), /headers\./],
    ['header cvv', () => hook('intake', { headers: { 'x-cvv': CSCS[1]! } }), /headers\./],
    [
      'Idempotency-Key',
      () => hook('intake', { headers: { 'idempotency-key': VISA } }),
      /idempotency-key/,
    ],
    [
      'array',
      () => hook('intake', { headers: json, body: JSON.stringify({ card_number: [VISA] }) }),
      /body\.card_number\.0/,
    ],
    [
      'nesting deeper than 32',
      () =>
        hook('intake', {
          headers: json,
          body: JSON.stringify(nested(40, { card: { number: DISCOVER } })),
        }),
      /card\.number/,
    ],
    [
      'card-number key',
      () => hook('intake', { headers: json, body: JSON.stringify({ 'card-number': VISA }) }),
      /body\.card-number/,
    ],
    [
      'ccnum key',
      () => hook('intake', { headers: json, body: JSON.stringify({ ccnum: AMEX }) }),
      /body\.ccnum/,
    ],
    [
      'security code in an array',
      () =>
        hook('intake', { headers: json, body: JSON.stringify({ payment: { cvc: [CSCS[0]] } }) }),
      /body\.payment\.cvc/,
    ],
    [
      'form card[number]',
      () =>
        hook('intake', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `card%5Bnumber%5D=${VISA}&card%5Bcvv%5D=${CSCS[1]}`,
        }),
      /body\.card\[number\]|body\.card\[cvv\]/,
    ],
    [
      'text/plain',
      () =>
        hook('intake', {
          headers: { 'content-type': 'text/plain' },
          body: `card number: ${VISA.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
        }),
      /request body/,
    ],
    [
      'text/plain bare number',
      () => hook('intake', { headers: { 'content-type': 'text/plain' }, body: MASTERCARD }),
      /request body/,
    ],
    ['multipart field', () => hook('intake', { body: multipart() }), /card\[number\]/],
    ['multipart file', () => hook('intake', { body: file() }), /file/],
  ])('a REST hook refuses card data in the %s', async (_, send, where) => {
    expectRefused(await send(), where);
  });

  it('a Shopify delivery with card data is answered 200 and stores nothing', async () => {
    const body = `{"id":820982911946154501,"name":"#1002","payment_details":{"credit_card_number":"${VISA}"}}`;
    const res = await deliver(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'refused', code: 'CARD_DATA_REFUSED' });
    expect(res.body.message).toMatch(/payment_details\.credit_card_number/);
    expect(JSON.stringify(res.body)).not.toContain(VISA);
    const deep = JSON.stringify(nested(50, { cvv: CSCS[0] }));
    const second = await deliver(`{"id":820982911946154502,"note":${deep}}`);
    expect(second.body).toMatchObject({ status: 'refused' });
  });

  it('a Shopify order whose long ids pass Luhn is accepted', async () => {
    // 820982911946154508 passes Luhn, like one Shopify id in ten; ids are not card fields.
    const body = `{"id":820982911946154508,"order_number":1001,"customer":{"id":820982911946154508},"payment_details":{"credit_card_number":"•••• •••• •••• 4242","credit_card_bin":"424242"}}`;
    const res = await deliver(body);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
  });

  it('manual runs and pinned samples refuse card data at any depth and in arrays', async () => {
    expectRefused(
      await call(base, 'POST', `/api/flows/${flowId}/run`, {
        payload: nested(40, { cardNumber: [VISA] }),
      }),
      /payload\.(level\.){40}cardNumber\.0/,
    );
    expectRefused(
      await call(base, 'POST', `/api/flows/${flowId}/run`, {
        payload: { order: { 'security-code': CSCS[1] } },
      }),
      /security-code/,
    );
    expectRefused(
      await call(base, 'PUT', `/api/flows/${flowId}/samples/trigger`, {
        card: { number: [AMEX] },
      }),
      /card\.number\.0/,
    );
    expectRefused(
      await call(
        base,
        'PUT',
        `/api/flows/${flowId}/samples/trigger`,
        nested(35, { pan: DISCOVER }),
      ),
      /pan/,
    );
  });

  it('after every attempt, no table of any schema and no log line holds a card number or code', async () => {
    // Ordinary requests still go through, so the scan has data to look at.
    const ok = await hook('intake?order=1001', {
      headers: { ...json, 'idempotency-key': 'order-1001' },
      body: JSON.stringify({ order: 1001, card: { last4: '1111' } }),
    });
    expect(ok.status).toBeLessThan(300);
    const dump = await dumpDatabase(sql);
    expect(dump.tables).toEqual(
      expect.arrayContaining([
        'public.events',
        'public.run_steps',
        'public.flow_samples',
        'public.idempotency_records',
        'public.audit_log',
      ]),
    );
    expect(dump.tables.some((t) => t.startsWith('graphile_worker.'))).toBe(true);
    expect(dump.text).toContain('order-1001');
    const everything = `${dump.text}\n${logged.join('')}`;
    expect(logged.join('')).toMatch(/refused/);
    for (const pan of PANS) {
      expect(everything).not.toContain(pan);
      expect(everything).not.toContain(pan.replace(/(\d{4})(?=\d)/g, '$1 '));
    }
    for (const csc of CSCS) {
      expect(everything).not.toMatch(new RegExp(`(?<![0-9A-Za-z+/])${csc}(?![0-9A-Za-z+/])`));
    }
  });
});
