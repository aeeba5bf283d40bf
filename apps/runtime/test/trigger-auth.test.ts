import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: ReturnType<typeof openSql>;
const logLines: string[] = [];
let restoreStderr: () => void;

const BEARER_TOKEN = `tok_${randomBytes(16).toString('hex')}`;
const BASIC = { username: 'erp', password: `pw_${randomBytes(12).toString('hex')}` };
const STD_OLD = randomBytes(32);
const STD_NEW = randomBytes(32);
const SHOPIFY_SECRET = `shpss_${randomBytes(16).toString('hex')}`;
const SECRETS = [
  BEARER_TOKEN,
  BASIC.password,
  STD_OLD.toString('base64'),
  STD_NEW.toString('base64'),
  SHOPIFY_SECRET,
];

const UNAUTHORIZED = { error: { code: 'UNAUTHORIZED', message: 'Request authentication failed' } };

/** Creates a connection through the API: its secrets are sealed by the runtime's store. */
async function createConnection(type: string, values: Record<string, unknown>): Promise<string> {
  const res = await call(base, 'POST', '/api/connections', { type, name: type, values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(JSON.stringify(res.body)).not.toMatch(/tok_|pw_|whsec_|shpss_/);
  return res.body.id as string;
}

async function createFlow(path: string, trigger: Record<string, unknown>) {
  const graph = restFlow(
    path,
    [{ id: 'shape', type: 'map', config: { expression: 'body' } }],
    [['trigger', 'shape']],
    trigger,
  );
  const res = await call(base, 'POST', '/api/flows', { name: path, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A hook request with exactly the given headers (no API token: /hooks is not the API). */
async function hook(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function stored(): Promise<{ events: number; runs: number }> {
  const [row] = await sql<{ events: number; runs: number }[]>`
    select (select count(*) from events)::int as events, (select count(*) from runs)::int as runs`;
  return row!;
}

/** Sends every request; each must be refused with the one generic 401 and store nothing. */
async function expectAllRefused(path: string, requests: [string, Record<string, string>][]) {
  const before = await stored();
  for (const [body, headers] of requests) {
    const res = await hook(path, body, headers);
    expect(res.status, JSON.stringify({ body, headers })).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  }
  expect(await stored()).toEqual(before);
}

function stdHeaders(key: Buffer, id: string, timestamp: number, body: string) {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${mac}`,
  };
}

const shopifyHmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64');
const nowS = () => Math.floor(Date.now() / 1000);

const ids: Record<string, string> = {};

beforeAll(async () => {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(String(chunk));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  restoreStderr = () => {
    process.stderr.write = original;
  };
  const dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl);
  base = rt.url!;
  sql = openSql(dbUrl, { max: 2 });
  ids.bearer = await createConnection('webhook.bearer', { token: BEARER_TOKEN });
  ids.basic = await createConnection('webhook.basic', BASIC);
  ids.standard = await createConnection('webhook.standard', {
    secrets: [`whsec_${STD_OLD.toString('base64')}`, `whsec_${STD_NEW.toString('base64')}`],
  });
  ids.shopify = await createConnection('webhook.shopify', { secret: SHOPIFY_SECRET });
  await createFlow('auth/bearer', { auth: { type: 'bearer', connectionId: ids.bearer } });
  await createFlow('auth/basic', { auth: { type: 'basic', connectionId: ids.basic } });
  ids.standardFlow = await createFlow('auth/standard', {
    auth: { type: 'standard-webhooks', connectionId: ids.standard },
  });
  ids.shopifyFlow = await createFlow('auth/shopify', {
    auth: { type: 'shopify-hmac', connectionId: ids.shopify },
  });
});
afterAll(async () => {
  restoreStderr?.();
  await sql?.end();
  await rt?.stop();
});

describe('bearer trigger', () => {
  it('accepts the token and keeps it out of the stored event', async () => {
    const res = await hook('auth/bearer', '{"n":1}', { authorization: `Bearer ${BEARER_TOKEN}` });
    expect(res.status).toBe(202);
    const run = await waitForRun(base, res.body.runId);
    expect(run.status).toBe('succeeded');
    expect(JSON.stringify(run)).not.toContain(BEARER_TOKEN);
  });

  it('refuses a missing, wrong or differently long token with the same 401', async () => {
    await expectAllRefused('auth/bearer', [
      ['{"n":1}', {}],
      // The last character changed (to one it certainly is not).
      [
        '{"n":1}',
        {
          authorization: `Bearer ${BEARER_TOKEN.slice(0, -1)}${BEARER_TOKEN.endsWith('a') ? 'b' : 'a'}`,
        },
      ],
      ['{"n":1}', { authorization: `Bearer ${BEARER_TOKEN}00` }],
      ['{"n":1}', { authorization: `Basic ${BEARER_TOKEN}` }],
      // Not JSON: refused for the credentials (401), never parsed (which would answer 400).
      ['{not json', { authorization: 'Bearer wrong-token-0123456789' }],
    ]);
  });
});

describe('basic trigger', () => {
  const basic = (user: string, pass: string) =>
    `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  it('accepts the right user name and password', async () => {
    const res = await hook('auth/basic', '{}', {
      authorization: basic(BASIC.username, BASIC.password),
    });
    expect(res.status).toBe(202);
  });

  it('refuses a wrong password or user name', async () => {
    await expectAllRefused('auth/basic', [
      ['{}', { authorization: basic(BASIC.username, `${BASIC.password}x`) }],
      ['{}', { authorization: basic('other', BASIC.password) }],
      ['{}', {}],
    ]);
  });
});

describe('Standard Webhooks trigger', () => {
  const body = '{"type":"invoice.paid","amount_cents":1250}';

  it('accepts a signed delivery with either secret during a rotation', async () => {
    for (const key of [STD_OLD, STD_NEW]) {
      const id = `msg_${randomBytes(8).toString('hex')}`;
      const res = await hook('auth/standard', body, stdHeaders(key, id, nowS(), body));
      expect(res.status).toBe(202);
    }
  });

  it('answers a replay of the same webhook-id with the original run and creates none', async () => {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const headers = stdHeaders(STD_NEW, id, nowS(), body);
    const first = await hook('auth/standard', body, headers);
    expect(first.status).toBe(202);
    const before = await stored();
    const replay = await hook('auth/standard', body, headers);
    expect(replay.status).toBe(202);
    expect(replay.body.runId).toBe(first.body.runId);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Signed again a second later (a sender's retry): still the same delivery.
    const resigned = await hook('auth/standard', body, stdHeaders(STD_OLD, id, nowS() + 1, body));
    expect(resigned.body.runId).toBe(first.body.runId);
    expect(await stored()).toEqual(before);
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from runs r join events e on e.id = r.event_id
      where e.external_id = ${`delivery:${id}`}`;
    expect(row!.n).toBe(1);
  });

  it('creates one run for the same delivery arriving twice at once', async () => {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const headers = stdHeaders(STD_NEW, id, nowS(), body);
    const answers = await Promise.all([1, 2, 3].map(() => hook('auth/standard', body, headers)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.runId)).size).toBe(1);
  });

  it('refuses stale, future, wrongly signed, re-serialised and incomplete deliveries', async () => {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const valid = stdHeaders(STD_NEW, id, nowS(), body);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    const { ['webhook-signature']: _sig, ...unsigned } = valid;
    await expectAllRefused('auth/standard', [
      [body, stdHeaders(STD_NEW, id, nowS() - 301, body)],
      [body, stdHeaders(STD_NEW, id, nowS() + 301, body)],
      [body, stdHeaders(randomBytes(32), id, nowS(), body)],
      [reserialised, valid],
      [body, unsigned],
      [body, { ...valid, 'webhook-signature': 'v1,c2hvcnQ=' }],
      [body, { ...valid, 'webhook-signature': `v1,${'A'.repeat(200)}` }],
      ['{not json', { ...valid }],
    ]);
  });
});

describe('Shopify HMAC trigger', () => {
  const body = '{"id":820982911946154508,"total_price":"10.00"}';

  it('accepts a signed delivery and dedupes on X-Shopify-Webhook-Id', async () => {
    const webhookId = `b54557e4-${randomBytes(4).toString('hex')}`;
    const headers = {
      'x-shopify-hmac-sha256': shopifyHmac(SHOPIFY_SECRET, body),
      'x-shopify-webhook-id': webhookId,
      'x-shopify-topic': 'orders/create',
    };
    const first = await hook('auth/shopify', body, headers);
    expect(first.status).toBe(202);
    const again = await hook('auth/shopify', body, headers);
    expect(again.status).toBe(202);
    expect(again.body.runId).toBe(first.body.runId);
    const run = await waitForRun(base, first.body.runId);
    expect(run.trigger.headers['x-shopify-topic']).toBe('orders/create');
    expect(run.trigger.headers['x-shopify-hmac-sha256']).toBeUndefined();
  });

  it('refuses a wrong secret, a re-serialised body, a missing or short header', async () => {
    const good = shopifyHmac(SHOPIFY_SECRET, body);
    await expectAllRefused('auth/shopify', [
      [body, { 'x-shopify-hmac-sha256': shopifyHmac('shpss_wrong', body) }],
      [JSON.stringify(JSON.parse(body)).replace(',', ', '), { 'x-shopify-hmac-sha256': good }],
      [body, {}],
      [body, { 'x-shopify-hmac-sha256': good.slice(0, 12) }],
    ]);
  });
});

describe('IP allow-list', () => {
  beforeAll(async () => {
    await createFlow('ip/elsewhere', { ipAllowList: ['203.0.113.0/24', '2001:db8::/32'] });
    await createFlow('ip/loopback', { ipAllowList: ['127.0.0.0/8', '::1/128'] });
    await createFlow('ip/proxied', {
      ipAllowList: ['203.0.113.0/24'],
      trustedProxies: ['127.0.0.0/8', '::1/128'],
    });
  });

  it('admits a caller inside the list', async () => {
    expect((await hook('ip/loopback', '{}')).status).toBe(202);
  });

  it('refuses a caller outside it, and ignores X-Forwarded-For from an untrusted peer', async () => {
    await expectAllRefused('ip/elsewhere', [
      ['{}', {}],
      ['{}', { 'x-forwarded-for': '203.0.113.7' }],
    ]);
  });

  it('believes X-Forwarded-For from a trusted proxy, right-most untrusted entry first', async () => {
    expect((await hook('ip/proxied', '{}', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(202);
    await expectAllRefused('ip/proxied', [
      ['{}', {}],
      ['{}', { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' }],
    ]);
  });
});

describe('flow changes', () => {
  it('take effect at once: a trigger moved to another connection stops accepting the old token', async () => {
    const flowId = await createFlow('auth/moving', {
      auth: { type: 'bearer', connectionId: ids.bearer },
    });
    const old = { authorization: `Bearer ${BEARER_TOKEN}` };
    expect((await hook('auth/moving', '{}', old)).status).toBe(202);
    const newToken = `tok_${randomBytes(16).toString('hex')}`;
    const other = await createConnection('webhook.bearer', { token: newToken });
    const graph = restFlow(
      'auth/moving',
      [{ id: 'shape', type: 'map', config: { expression: 'body' } }],
      [['trigger', 'shape']],
      { auth: { type: 'bearer', connectionId: other } },
    );
    const saved = await call(base, 'PUT', `/api/flows/${flowId}`, { graph, activate: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await expectAllRefused('auth/moving', [['{}', old]]);
    const res = await hook('auth/moving', '{}', { authorization: `Bearer ${newToken}` });
    expect(res.status).toBe(202);
  });
});

describe('misconfigured trigger', () => {
  it('refuses everything once its connection is deleted, never falling open', async () => {
    const token = `tok_${randomBytes(16).toString('hex')}`;
    const doomed = await createConnection('webhook.bearer', { token });
    await createFlow('auth/gone', { auth: { type: 'bearer', connectionId: doomed } });
    // Forced: an active flow uses it, which the API otherwise refuses (409).
    const deleted = await call(base, 'DELETE', `/api/connections/${doomed}?force=true`);
    expect(deleted.status).toBeGreaterThanOrEqual(200);
    expect(deleted.status).toBeLessThan(300);
    await expectAllRefused('auth/gone', [['{}', { authorization: `Bearer ${token}` }]]);
  });

  // Only reachable while the flow API's save check does not look inside `auth`; the unit tests
  // of the credential gate cover the same case without the API.
  it('refuses everything when the connection is of another type than the method needs', async () => {
    const graph = restFlow(
      'auth/mismatch',
      [{ id: 'shape', type: 'map', config: { expression: 'body' } }],
      [['trigger', 'shape']],
      { auth: { type: 'bearer', connectionId: ids.shopify } },
    );
    const res = await call(base, 'POST', '/api/flows', { name: 'mismatch', graph, activate: true });
    if (res.status === 422) return;
    expect(res.status).toBe(201);
    await expectAllRefused('auth/mismatch', [
      ['{}', { authorization: `Bearer ${SHOPIFY_SECRET}` }],
    ]);
  });
});

describe('refusal log', () => {
  it('names the path and the reason, never a secret or a signature', () => {
    const refusals = logLines.filter((l) => l.includes('trigger request refused'));
    expect(refusals.length).toBeGreaterThan(10);
    // A log line is JSON off a terminal (`"reason":"…"`) and `reason=…` on one.
    const reasons = new Set(refusals.map((l) => /reason(?:=|":")([a-z-]+)/.exec(l)?.[1]));
    for (const reason of [
      'credentials-missing',
      'credentials-invalid',
      'timestamp-out-of-tolerance',
      'ip-not-allowed',
      'connection-unavailable',
    ]) {
      expect(reasons).toContain(reason);
    }
    const all = logLines.join('');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
    expect(all).not.toContain('v1,');
  });
});
