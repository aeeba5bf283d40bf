import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import { loadEnv } from '../src/env';
import { BUILTIN_CHANNEL_ID, BUILTIN_RULE_ID } from '../src/alerts/alert-service';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';
import { startReceiver, until } from './webhook-receiver';

let dbUrl: string;
let runtime: RuntimeHandle;
let sql: Sql;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const start = () =>
  startTestRuntime(dbUrl, {
    env: {
      PAYBRIDGE_ALERT_WEBHOOK_URL: receiver.url,
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
      PAYBRIDGE_ALERT_QUIET_S: '8',
    },
  });

beforeAll(async () => {
  dbUrl = await freshDatabase();
  receiver = await startReceiver();
  runtime = await start();
  sql = openSql(dbUrl, { max: 2 });
});
afterAll(async () => {
  await sql?.end();
  await runtime?.stop();
  await receiver?.close();
});

const alertsFor = (runId: string) =>
  receiver.state.received.filter((r) => r.body.text.includes(runId));

/** A run of a flow whose map fails: it ends failed, in the dead-letter queue. */
async function deadLetteredRun(path: string): Promise<{ runId: string; code: string }> {
  const res = await call(base(), 'POST', `/hooks/${path}`, { orderId: 'A-1' });
  expect(res.status).toBeLessThan(300);
  const run = await waitForRun(base(), res.body.runId);
  expect(run.status).toBe('failed');
  return { runId: run.id, code: run.error.code };
}
const base = () => runtime.url!;

describe('dead-letter alerts (PAYBRIDGE_ALERT_WEBHOOK_URL, the built-in channel and rule)', () => {
  let flowId: string;

  beforeAll(async () => {
    const graph = restFlow(
      'orders/alerting',
      [{ id: 'price', type: 'map', config: { expression: '$error("order total missing")' } }],
      [['trigger', 'price']],
      { mode: 'async' },
    );
    const res = await call(base(), 'POST', '/api/flows', {
      name: 'Order <sync> & pricing',
      graph,
      activate: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    flowId = res.body.id;
  });

  it('posts exactly one alert with flow, run, node, error and a link, repeats a refused post under the same key, folds the next dead letter and resolves with the count', async () => {
    receiver.state.failures = 1;
    const { runId, code } = await deadLetteredRun('orders/alerting');
    const [refused] = await until('the first post', () => {
      const got = alertsFor(runId);
      return got.length > 0 ? got : undefined;
    });
    expect(refused!.status).toBe(500);
    // A second dead letter within the quiet period: folded into the count, not a second alert.
    const second = await deadLetteredRun('orders/alerting');
    const delivered = await until('the repeated post', () => {
      const got = alertsFor(runId);
      return got.length > 1 ? got : undefined;
    });
    expect(delivered.map((r) => r.status)).toEqual([500, 200]);
    const alert = delivered[1]!;
    expect(alert.headers['idempotency-key']).toBe(refused!.headers['idempotency-key']);
    expect(alert.headers['idempotency-key']).toMatch(/^alert-[0-9a-f-]{36}$/);
    expect(alert.headers['content-type']).toBe('application/json');
    const text = alert.body.text;
    expect(text).toContain('1 dead letter');
    expect(text).toContain('Order &lt;sync&gt; &amp; pricing');
    expect(text).toContain('`price`');
    expect(text).toContain(code);
    expect(text).toContain('order total missing');
    expect(text).toContain(`<${base()}/flows/${flowId}?run=${runId}|Open in Paybridge>`);
    expect(text).not.toContain('A-1');
    const resolved = await until(
      'the resolved notice',
      () => receiver.state.received.find((r) => r.body.text.includes('Resolved')),
      30_000,
    );
    expect(resolved.body.text).toContain('2 dead letters');
    // One alert (posted twice because the first post was refused) and one resolved notice.
    expect(receiver.state.received).toHaveLength(3);
    expect(alertsFor(second.runId)).toHaveLength(0);
  });

  it('sends nothing again after a restart', async () => {
    const before = receiver.state.received.length;
    expect(before).toBe(3);
    await runtime.stop();
    runtime = await start();
    await new Promise((r) => setTimeout(r, 5000));
    expect(receiver.state.received).toHaveLength(before);
  });

  it('refuses to change or delete the built-in channel and rule: they follow the variable', async () => {
    const channel = await call(base(), 'DELETE', `/api/alerts/channels/${BUILTIN_CHANNEL_ID}`);
    expect(channel.status).toBe(409);
    expect(channel.body.error.code).toBe('CHANNEL_BUILTIN');
    const rename = await call(base(), 'PUT', `/api/alerts/channels/${BUILTIN_CHANNEL_ID}`, {
      name: 'renamed',
    });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('CHANNEL_BUILTIN');
    const rule = await call(base(), 'DELETE', `/api/alerts/rules/${BUILTIN_RULE_ID}`);
    expect(rule.status).toBe(409);
    expect(rule.body.error.code).toBe('RULE_BUILTIN');
    const rules = await call(base(), 'GET', '/api/alerts/rules');
    expect(rules.body.rules.map((r: { id: string }) => r.id)).toContain(BUILTIN_RULE_ID);
  });
});

describe('PAYBRIDGE_ALERT_WEBHOOK_URL', () => {
  it('must be an http(s) URL, and a bad value is not echoed (it may hold a token)', () => {
    for (const bad of ['ftp://hooks.example.com/T0/secret-part', 'hooks.example.com/secret-part']) {
      let message = '';
      try {
        loadEnv({ PAYBRIDGE_ALERT_WEBHOOK_URL: bad });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(
        /PAYBRIDGE_ALERT_WEBHOOK_URL: must be an http:\/\/ or https:\/\/ URL/,
      );
      expect(message).not.toContain('secret-part');
    }
    expect(
      loadEnv({ PAYBRIDGE_ALERT_WEBHOOK_URL: 'https://hooks.example.com/x' })
        .PAYBRIDGE_ALERT_WEBHOOK_URL,
    ).toBe('https://hooks.example.com/x');
  });
});
