/**
 * Alerts end to end: two runtime processes on one database (both evaluate rules and send), a real
 * SMTP server and a local webhook receiver. A burst sends one alert with its count and one
 * resolved notice; every rule kind fires and resolves; error flows run once per failed run and
 * never loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEvaluator } from '../src/alerts/evaluator';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../packages/nodes/src/notify/email/test-smtp-server';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';
import { startReceiver, until, type Received } from './webhook-receiver';
import { createSmtpConnection } from './support/smtp-connection';

let dbUrl: string;
let api: RuntimeHandle;
let second: RuntimeHandle;
let sql: Sql;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: TestSmtpServer;
let webhookChannel: string;
let emailChannel: string;

const env = () => ({ PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' });
const base = () => api.url!;

beforeAll(async () => {
  dbUrl = await freshDatabase();
  receiver = await startReceiver();
  smtp = await startTestSmtpServer();
  api = await startTestRuntime(dbUrl, { env: env() });
  // A second process on the same database: it evaluates rules and sends deliveries too.
  // A worker-only process knows no URL of its own: it links alerts to the public URL.
  second = await startTestRuntime(dbUrl, {
    role: 'worker',
    env: { ...env(), PAYBRIDGE_PUBLIC_URL: 'https://paybridge.example' },
  });
  sql = openSql(dbUrl, { max: 2 });
  const mailerId = await createSmtpConnection(base(), smtp.port, {
    name: 'Alert mail',
    fromAddress: 'alerts@shop.example',
  });
  const hook = await call(base(), 'POST', '/api/alerts/channels', {
    kind: 'webhook',
    name: 'Ops chat',
    url: receiver.url,
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  webhookChannel = hook.body.id;
  const mail = await call(base(), 'POST', '/api/alerts/channels', {
    kind: 'email',
    name: 'On-call mail',
    connectionId: mailerId,
    recipients: ['oncall@shop.example'],
  });
  expect(mail.status, JSON.stringify(mail.body)).toBe(201);
  emailChannel = mail.body.id;
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await second?.stop();
  await api?.stop();
  await receiver?.close();
  await smtp?.close();
});

const posts = (title: string): Received[] =>
  receiver.state.received.filter((r) => r.body.title?.includes(title));
const mails = (subject: string) =>
  smtp.messages.filter((m) => m.header('subject')?.includes(subject));

async function failingFlow(name: string, path: string) {
  const res = await call(base(), 'POST', '/api/flows', {
    name,
    graph: restFlow(
      path,
      [{ id: 'price', type: 'map', config: { expression: '$error("order total missing")' } }],
      [['trigger', 'price']],
      { mode: 'async' },
    ),
    activate: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { flowId: res.body.id as string, versionId: res.body.version.id as string };
}

async function rule(body: Record<string, unknown>) {
  const res = await call(base(), 'POST', '/api/alerts/rules', {
    quietSeconds: 2,
    channelIds: [webhookChannel],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe('channels', () => {
  it('never return a webhook URL, and send a test alert through each channel', async () => {
    const listed = await call(base(), 'GET', '/api/alerts/channels');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain('/services/T000');
    const hook = listed.body.channels.find((c: { id: string }) => c.id === webhookChannel);
    const connection = await call(base(), 'GET', `/api/connections/${hook.connectionId}`);
    expect(JSON.stringify(connection.body)).not.toContain('/services/T000');
    const stored = await sql<{ secrets: unknown }[]>`
      select secrets from connections where id = ${hook.connectionId}`;
    expect(JSON.stringify(stored)).not.toContain('/services/T000');

    const tested = await call(base(), 'POST', `/api/alerts/channels/${webhookChannel}/test`);
    expect(tested.body).toEqual({ ok: true, message: 'Sent' });
    expect(posts('Test alert')).toHaveLength(1);
    const mailed = await call(base(), 'POST', `/api/alerts/channels/${emailChannel}/test`);
    expect(mailed.body).toEqual({ ok: true, message: 'Sent' });
    expect(mails('Test alert')).toHaveLength(1);
    expect(mails('Test alert')[0]!.recipients).toEqual(['oncall@shop.example']);
  });

  it('refuse changes from a viewer, and a rule without its threshold', async () => {
    const token = await call(base(), 'POST', '/api/tokens', { name: 'look', role: 'viewer' });
    const viewer = { authorization: `Bearer ${token.body.token}` };
    expect((await call(base(), 'GET', '/api/alerts/rules', undefined, viewer)).status).toBe(200);
    const refused = await call(
      base(),
      'POST',
      '/api/alerts/rules',
      { kind: 'run_failed', name: 'x', channelIds: [] },
      viewer,
    );
    expect(refused.status).toBe(403);
    const bad = await call(base(), 'POST', '/api/alerts/rules', {
      kind: 'queue_age',
      name: 'Queue',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('params');
  });
});

describe('a burst of 500 failures, with two processes evaluating and sending', () => {
  it('sends one alert with the count on each channel, folds the rest, then one resolved notice', async () => {
    const { flowId, versionId } = await failingFlow('Checkout sync', 'burst/orders');
    await rule({
      kind: 'run_failed',
      name: 'Checkout failures',
      flowId,
      quietSeconds: 8,
      channelIds: [webhookChannel, emailChannel],
    });
    // 500 failed runs land at once (as a burst of webhooks would leave them).
    await sql`
      with ev as (
        insert into events (source, external_id, payload)
        select 'test', 'burst-' || g, '{}'::json from generate_series(1, 500) g
        returning id)
      insert into runs (flow_id, flow_version_id, event_id, status, error, failed_node_id,
                        started_at, finished_at)
      select ${flowId}, ${versionId}, id, 'failed',
             '{"code":"EXPRESSION_FAILED","message":"order total missing","errorClass":"permanent"}'::jsonb,
             'price', now(), now()
      from ev`;
    const [fired] = await until('the alert', () => {
      const got = posts('Checkout failures: 500 run failures');
      return got.length > 0 ? got : undefined;
    });
    expect(fired!.body.status).toBe('fired');
    expect(fired!.body.text).toContain('Checkout sync');
    expect(fired!.body.text).toContain('EXPRESSION_FAILED');
    await until('the alert mail', () => (mails('500 run failures').length > 0 ? true : undefined));
    // A few more failures inside the quiet period are folded, not sent.
    await sql`
      with ev as (
        insert into events (source, external_id, payload)
        select 'test', 'burst-late-' || g, '{}'::json from generate_series(1, 3) g
        returning id)
      insert into runs (flow_id, flow_version_id, event_id, status, error, failed_node_id,
                        started_at, finished_at)
      select ${flowId}, ${versionId}, id, 'failed',
             '{"code":"EXPRESSION_FAILED","message":"order total missing","errorClass":"permanent"}'::jsonb,
             'price', now(), now()
      from ev`;
    const [resolved] = await until(
      'the resolved notice',
      () => {
        const got = posts('Resolved: Checkout failures');
        return got.length > 0 ? got : undefined;
      },
      30_000,
    );
    expect(resolved!.body.text).toContain('503 run failures in all');
    await until('the resolved mail', () =>
      mails('Resolved: Checkout failures').length > 0 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(posts('Checkout failures')).toHaveLength(2);
    expect(mails('Checkout failures')).toHaveLength(2);

    const history = await call(base(), 'GET', '/api/alerts/history?limit=50');
    expect(history.status).toBe(200);
    const mine = history.body.notices.filter(
      (n: { ruleName: string }) => n.ruleName === 'Checkout failures',
    );
    expect(mine.map((n: { kind: string; count: number }) => [n.kind, n.count])).toEqual([
      ['resolved', 503],
      ['fired', 500],
    ]);
    expect(mine[1].deliveries).toHaveLength(2);
    expect(mine[1].deliveries.every((d: { sent: boolean }) => d.sent)).toBe(true);
  }, 60_000);
});

describe('evaluators racing', () => {
  it('write one notice when many rounds run at once, besides both processes’ own loops', async () => {
    const { flowId, versionId } = await failingFlow('Race sync', 'race/orders');
    const { id } = await rule({
      kind: 'run_failed',
      name: 'Race failures',
      flowId,
      quietSeconds: 60,
    });
    // Failures already settled, committed together with the rule's counting start before them:
    // every evaluator (these five and both processes' loops) may see them at once.
    await sql.begin(async (tx) => {
      await tx`update alert_rules set checked_until = now() - interval '1 minute' where id = ${id}`;
      await tx`
        with ev as (
          insert into events (source, external_id, payload)
          select 'test', 'race-' || g, '{}'::json from generate_series(1, 20) g returning id)
        insert into runs (flow_id, flow_version_id, event_id, status, error, failed_node_id,
                          started_at, finished_at)
        select ${flowId}, ${versionId}, id, 'failed',
               '{"code":"EXPRESSION_FAILED","message":"boom","errorClass":"permanent"}'::jsonb,
               'price', now() - interval '5 seconds', now() - interval '5 seconds'
        from ev`;
    });
    // Five evaluators, each with its own connection, as five processes would have.
    const pools = Array.from({ length: 5 }, () => openSql(dbUrl, { max: 1 }));
    const evaluators = pools.map((pool) => new AlertEvaluator(pool, () => null));
    try {
      for (let i = 0; i < 5; i++) await Promise.all(evaluators.map((e) => e.round()));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    await until('the alert', () => (posts('Race failures').length > 0 ? true : undefined));
    const notices = await sql<{ kind: string; count: number }[]>`
      select kind, count from alert_notices where rule_id = ${id}`;
    expect(notices).toEqual([{ kind: 'fired', count: 20 }]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(posts('Race failures')).toHaveLength(1);
  });
});

describe('every rule kind fires and resolves', () => {
  async function firesAndResolves(
    name: string,
    make: () => Promise<void>,
    clear: () => Promise<void>,
  ) {
    await make();
    await until(`${name} to fire`, () => (posts(name).length > 0 ? true : undefined), 20_000);
    expect(posts(name)[0]!.body.status).toBe('fired');
    await clear();
    await until(
      `${name} to resolve`,
      () => (posts(`Resolved: ${name}`).length > 0 ? true : undefined),
      20_000,
    );
    expect(posts(name)).toHaveLength(2);
  }

  it('dead letters of one flow (not those of another)', async () => {
    const watched = await failingFlow('Refund sync', 'kinds/refunds');
    const other = await failingFlow('Other sync', 'kinds/other');
    await rule({ kind: 'dead_letter', name: 'Refund dead letters', flowId: watched.flowId });
    const hit = await call(base(), 'POST', '/hooks/kinds/other', { id: 1 });
    expect(hit.status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 4000));
    expect(posts('Refund dead letters')).toHaveLength(0);
    void other;
    await firesAndResolves(
      'Refund dead letters',
      async () => {
        expect((await call(base(), 'POST', '/hooks/kinds/refunds', { id: 2 })).status).toBeLessThan(
          300,
        );
      },
      async () => undefined,
    );
    expect(posts('Refund dead letters')[0]!.body.text).toContain('Refund sync');
  }, 40_000);

  it('decline rate above a threshold over a window', async () => {
    const { flowId } = await failingFlow('Card payments', 'kinds/pay');
    const [v] = await sql<{ id: string }[]>`
      insert into flow_versions (flow_id, version, graph, trigger_type)
      values (${flowId}, 99, ${sql.json({
        nodes: [{ id: 'charge', type: 'paytrace.sale', typeVersion: 1, config: {} }],
        edges: [],
      })}, 'trigger.rest') returning id::text`;
    await rule({
      kind: 'decline_rate',
      name: 'Declines high',
      params: { thresholdPercent: 50, windowMinutes: 10, minRuns: 5 },
    });
    await firesAndResolves(
      'Declines high',
      async () => {
        await sql`
          with ev as (
            insert into events (source, external_id, payload)
            select 'test', 'pay-' || g, '{}'::json from generate_series(1, 10) g returning id),
          numbered as (select id, row_number() over () as n from ev)
          insert into runs (flow_id, flow_version_id, event_id, status, started_at, finished_at)
          select ${flowId}, ${v!.id}, id, case when n <= 6 then 'declined' else 'succeeded' end,
                 now(), now()
          from numbered`;
      },
      async () => {
        await sql`update runs set finished_at = now() - interval '2 hours'
          where flow_version_id = ${v!.id}`;
      },
    );
    expect(posts('Declines high')[0]!.body.text).toContain('6 of 10 payment runs declined');
  }, 40_000);

  it('Shopify reconciliation lag above N minutes', async () => {
    const [c] = await sql<{ id: string }[]>`
      insert into connections (id, type, name, values, secrets, deleted_at)
      values (gen_random_uuid(), 'shopify', 'Lagging store', '{}'::jsonb, '{}'::jsonb, null)
      returning id::text`;
    await rule({
      kind: 'reconciliation_lag',
      name: 'Reconciliation behind',
      params: { minutes: 10 },
    });
    await firesAndResolves(
      'Reconciliation behind',
      async () => {
        await sql`insert into shopify_sync_state (connection_id, watermark, last_success_at, created_at)
          values (${c!.id}, now(), now() - interval '30 minutes', now() - interval '1 hour')`;
      },
      async () => {
        await sql`update shopify_sync_state set last_success_at = now() where connection_id = ${c!.id}`;
      },
    );
    expect(posts('Reconciliation behind')[0]!.body.text).toContain('Lagging store');
  }, 40_000);

  it('a worker that stopped heartbeating (fewer workers alive than expected)', async () => {
    await firesAndResolves(
      'Workers missing',
      async () => {
        // Two processes heartbeat; four are expected.
        await rule({
          kind: 'worker_silent',
          name: 'Workers missing',
          params: { minWorkers: 4, seconds: 60 },
        });
      },
      async () => {
        await sql`insert into worker_heartbeats (process_id, hostname, pid)
          values ('test-a', 'test', '1'), ('test-b', 'test', '2')`;
      },
    );
    await sql`delete from worker_heartbeats where process_id in ('test-a', 'test-b')`;
  }, 40_000);

  it('a queue older than N minutes', async () => {
    await rule({ kind: 'queue_age', name: 'Queue stuck', params: { minutes: 10 } });
    await firesAndResolves(
      'Queue stuck',
      async () => {
        await sql`select graphile_worker.add_job('alerts.test.idle', '{}'::json,
          run_at := now() - interval '20 minutes')`;
      },
      async () => {
        await sql`delete from graphile_worker._private_jobs where task_id =
          (select id from graphile_worker._private_tasks where identifier = 'alerts.test.idle')`;
      },
    );
    expect(posts('Queue stuck')[0]!.body.text).toContain('waited 20');
  }, 40_000);
});

describe('error flows', () => {
  it('run once per failed run with its summary, and an error flow failing starts nothing', async () => {
    const source = await failingFlow('Invoice sync', 'errors/invoices');
    const handler = await call(base(), 'POST', '/api/flows', {
      name: 'On failure',
      graph: {
        nodes: [
          { id: 'trigger', type: 'trigger.manual', typeVersion: 1, config: {} },
          {
            id: 'boom',
            type: 'map',
            typeVersion: 1,
            config: { expression: '$error("handler broke")' },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'boom', port: 'in' } }],
      },
      activate: true,
    });
    expect(handler.status, JSON.stringify(handler.body)).toBe(201);
    const handlerId = handler.body.id as string;
    const set = await call(base(), 'PUT', `/api/flows/${source.flowId}/error-flow`, {
      errorFlowId: handlerId,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ errorFlowId: handlerId, errorFlowName: 'On failure' });
    // The handler names the source as its own error flow: its failures must still start nothing.
    expect(
      (
        await call(base(), 'PUT', `/api/flows/${handlerId}/error-flow`, {
          errorFlowId: source.flowId,
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(base(), 'PUT', `/api/flows/${handlerId}/error-flow`, { errorFlowId: handlerId }))
        .status,
    ).toBe(400);

    const first = await call(base(), 'POST', '/hooks/errors/invoices', { id: 'INV-1' });
    const again = await call(base(), 'POST', '/hooks/errors/invoices', { id: 'INV-2' });
    const failedRuns = [first.body.runId, again.body.runId] as string[];
    const handled = await until(
      'two error-flow runs that finished',
      async () => {
        const rows = await sql<{ status: string; externalId: string; payload: any }[]>`
          select r.status, e.external_id as "externalId", e.payload
          from runs r join events e on e.id = r.event_id
          where r.flow_id = ${handlerId}`;
        return rows.length === 2 && rows.every((r) => r.status === 'failed') ? rows : undefined;
      },
      30_000,
    );
    expect(handled.map((r) => r.externalId).sort()).toEqual([...failedRuns].sort());
    const payload = handled[0]!.payload;
    expect(payload).toMatchObject({
      kind: 'run.failed',
      flow: { id: source.flowId, name: 'Invoice sync' },
      run: { status: 'dead-lettered', nodeId: 'price', error: { code: 'EXPRESSION_FAILED' } },
    });
    expect(payload.run.error.message).toContain('order total missing');
    expect(payload.run.link).toMatch(
      new RegExp(`^https?://[^/]+/flows/${source.flowId}\\?run=[0-9a-f-]{36}$`),
    );
    expect(JSON.stringify(payload)).not.toContain('INV-');
    // Several rounds later, in both processes: still one per failed run, and no loop.
    await new Promise((r) => setTimeout(r, 5000));
    const [counts] = await sql<{ handler: number; source: number }[]>`
      select (select count(*) from runs where flow_id = ${handlerId})::int as handler,
             (select count(*) from runs where flow_id = ${source.flowId})::int as source`;
    expect(counts).toEqual({ handler: 2, source: 2 });
  }, 60_000);
});
