import { openSql } from '../src/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let dbUrl: string;

beforeAll(async () => {
  dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl, { env: { PAYBRIDGE_BODY_LIMIT_BYTES: '2048' } });
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

async function createActive(name: string, graph: unknown) {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const orderFlow = (path: string, mode: 'sync' | 'async') =>
  restFlow(
    path,
    [
      {
        id: 'shape',
        type: 'map',
        config: {
          expression:
            '{ "order": body.id, "cents": body.total_cents, "big": body.total_cents >= 10000 }',
        },
      },
      { id: 'route', type: 'branch', config: { rules: [{ port: 'large', when: 'big' }] } },
      {
        id: 'large',
        type: 'respond',
        config: { status: 201, body: '={ "order": order, "review": true }' },
      },
      {
        id: 'small',
        type: 'respond',
        config: { status: 200, body: '={ "order": order, "review": false }' },
      },
    ],
    [
      ['trigger', 'shape'],
      ['shape', 'route'],
      ['route', 'large', 'large'],
      ['route', 'small', 'default'],
    ],
    { mode },
  );

describe('REST trigger', () => {
  it('answers a sync trigger -> map -> branch -> respond flow with the mapped result', async () => {
    await createActive('sync orders', orderFlow('orders/sync', 'sync'));
    const big = await call(base, 'POST', '/hooks/orders/sync', { id: 'A-1', total_cents: 25000 });
    expect(big.status).toBe(201);
    expect(big.body).toEqual({ order: 'A-1', review: true });
    const small = await call(base, 'POST', '/hooks/orders/sync', { id: 'A-2', total_cents: 999 });
    expect(small.status).toBe(200);
    expect(small.body).toEqual({ order: 'A-2', review: false });
    expect(small.headers.get('x-paybridge-run-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs an async flow to completion with every step inspectable', async () => {
    const flow = await createActive('async orders', orderFlow('orders/async', 'async'));
    const res = await call(base, 'POST', '/hooks/orders/async?src=test', {
      id: 'B-1',
      total_cents: 50,
    });
    expect(res.status).toBe(202);
    const run = await waitForRun(base, res.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.flowId).toBe(flow.id);
    expect(run.steps.map((s: any) => [s.nodeId, s.status, s.port])).toEqual([
      ['trigger', 'succeeded', 'out'],
      ['shape', 'succeeded', 'out'],
      ['route', 'succeeded', 'default'],
      ['small', 'succeeded', 'out'],
    ]);
    expect(run.steps[1].output).toEqual({ order: 'B-1', cents: 50, big: false });
    expect(run.trigger.query).toEqual({ src: 'test' });
    expect(run.response).toEqual({
      status: 200,
      headers: {},
      body: { order: 'B-1', review: false },
    });
    const listed = await call(base, 'GET', `/api/runs?flowId=${flow.id}&status=succeeded`);
    expect(listed.body.runs.map((r: any) => r.id)).toContain(res.body.runId);
  });

  it('creates one run per Idempotency-Key, even for concurrent duplicates', async () => {
    const flow = await createActive('idem', orderFlow('orders/idem', 'async'));
    const send = (body: unknown) =>
      call(base, 'POST', '/hooks/orders/idem', body, { 'idempotency-key': 'order-77' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => send({ id: 'C-1', total_cents: 1 })),
    );
    const runIds = new Set(results.map((r) => r.body.runId));
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(runIds.size).toBe(1);
    const again = await send({ id: 'C-1', total_cents: 1 });
    expect(again.body.runId).toBe([...runIds][0]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await send({ id: 'C-1', total_cents: 2 });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const sql = openSql(dbUrl, { max: 1 });
    const rows = await sql<
      { n: number }[]
    >`select count(*)::int as n from runs where flow_id = ${flow.id}`;
    await sql.end();
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses bad requests with clear errors and stores nothing', async () => {
    await createActive('limits', orderFlow('orders/limits', 'async'));
    const tooBig = await call(base, 'POST', '/hooks/orders/limits', { pad: 'x'.repeat(4000) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await call(base, 'POST', '/hooks/orders/limits', '{"id": 1,,}');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(malformed.body.error.message).toMatch(/JSON/);
    const card = await call(base, 'POST', '/hooks/orders/limits', {
      id: 'X',
      payment: { card: { number: '4111 1111 1111 1111', cvv: '123' } },
    });
    expect(card.status).toBe(400);
    expect(card.body.error.code).toBe('CARD_DATA_REFUSED');
    expect(card.body.error.message).toContain('body.payment.card.number');
    expect(JSON.stringify(card.body)).not.toContain('4111');
    const db = openSql(dbUrl, { max: 1 });
    const leaked = await db<{ n: number }[]>`
      select count(*)::int as n from events where payload::text like '%4111%'`;
    await db.end();
    expect(leaked[0]?.n).toBe(0);
    const unknown = await call(base, 'POST', '/hooks/nobody/here', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_TRIGGER');

    const inactive = await call(base, 'POST', '/api/flows', {
      name: 'sleeping',
      graph: orderFlow('orders/sleeping', 'async'),
    });
    expect(inactive.status).toBe(201);
    const res = await call(base, 'POST', '/hooks/orders/sleeping', {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('FLOW_INACTIVE');
  });

  it('rejects an invalid flow with field-level issues', async () => {
    const graph = restFlow(
      'bad/flow',
      [{ id: 'm', type: 'map', config: { expression: '(' } }],
      [
        ['trigger', 'm'],
        ['m', 'ghost'],
      ],
    );
    const res = await call(base, 'POST', '/api/flows', { name: 'bad', graph });
    expect(res.status).toBe(422);
    const codes = res.body.error.details.issues.map((i: any) => i.code);
    expect(codes).toContain('DANGLING_EDGE');
    expect(
      res.body.error.details.issues.some((i: any) => i.path.join('.').startsWith('nodes.1.config')),
    ).toBe(true);
    const missing = await call(base, 'POST', '/api/flows', { graph: orderFlow('x', 'async') });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/name/);
  });

  it('fails a runaway expression with a timeout while other runs complete', async () => {
    await createActive(
      'runaway',
      restFlow(
        'loop',
        [
          {
            id: 'spin',
            type: 'map',
            config: { expression: '(function($f){$f($f)})(function($f){$f($f)})' },
          },
        ],
        [['trigger', 'spin']],
      ),
    );
    await createActive('fine', orderFlow('orders/fine', 'async'));
    const bad = await call(base, 'POST', '/hooks/loop', {});
    const good = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call(base, 'POST', '/hooks/orders/fine', { id: `F-${i}`, total_cents: i }),
      ),
    );
    const failed = await waitForRun(base, bad.body.runId);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('EXPRESSION_TIMEOUT');
    expect(failed.failedNodeId).toBe('spin');
    for (const g of good) expect((await waitForRun(base, g.body.runId)).status).toBe('succeeded');
    const dead = await call(base, 'GET', '/api/dead-letters');
    expect(dead.body.deadLetters.map((d: any) => d.runId)).toContain(bad.body.runId);
  });

  it('retries a failed run from its failed step on a fixed version, and replays as a new run', async () => {
    const graph = (expr: string) =>
      restFlow(
        'fixme',
        [{ id: 'calc', type: 'map', config: { expression: expr } }],
        [['trigger', 'calc']],
      );
    const flow = await createActive('fixme', graph('$number(body.amount) + $undefinedFn()'));
    const sent = await call(base, 'POST', '/hooks/fixme', { amount: '12' });
    const failed = await waitForRun(base, sent.body.runId);
    expect(failed.status).toBe('failed');
    const conflict = await call(base, 'POST', `/api/runs/${sent.body.runId}/retry`, {});
    expect(conflict.status).toBe(202);
    const refailed = await waitForRun(
      base,
      sent.body.runId,
      (r) => r.status === 'failed' && r.steps.length > 2,
    );
    expect(refailed.steps.filter((s: any) => s.nodeId === 'trigger')).toHaveLength(1);

    const saved = await call(base, 'PUT', `/api/flows/${flow.id}`, {
      graph: graph('$number(body.amount) * 100'),
      activate: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.latestVersion).toBe(2);
    const retried = await call(base, 'POST', `/api/runs/${sent.body.runId}/retry`, {
      version: 'latest',
    });
    expect(retried.status).toBe(202);
    const ok = await waitForRun(base, sent.body.runId, (r) => r.status === 'succeeded');
    expect(ok.steps.at(-1).output).toBe(1200);
    expect(ok.steps.filter((s: any) => s.nodeId === 'trigger')).toHaveLength(1);
    const notFailed = await call(base, 'POST', `/api/runs/${sent.body.runId}/retry`, {});
    expect(notFailed.status).toBe(409);

    const replay = await call(base, 'POST', `/api/runs/${sent.body.runId}/replay`);
    expect(replay.status).toBe(202);
    const replayed = await waitForRun(base, replay.body.runId);
    expect(replayed.status).toBe('succeeded');
    expect(replayed.parentRunId).toBe(sent.body.runId);
    expect(replayed.eventId).toBe(ok.eventId);
  });

  it('warns about unauthenticated triggers and refuses connections that do not exist', async () => {
    const open = await call(base, 'POST', '/api/flows', {
      name: 'open',
      graph: orderFlow('orders/open', 'async'),
    });
    expect(open.status).toBe(201);
    expect(open.body.warnings.join(' ')).toMatch(/without authentication/);
    const missing = restFlow('orders/locked', [], [], {
      auth: { type: 'bearer', connectionId: '00000000-0000-4000-8000-000000000000' },
    });
    const refused = await call(base, 'POST', '/api/flows', { name: 'locked', graph: missing });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.issues[0]).toMatchObject({
      code: 'CONNECTION_NOT_FOUND',
      path: ['nodes', 0, 'config', 'auth', 'connectionId'],
    });
  });

  it('manages flows: versions, deactivation, manual runs, catalogue and OpenAPI', async () => {
    const flow = await createActive('lifecycle', orderFlow('orders/life', 'async'));
    const v2 = await call(base, 'PUT', `/api/flows/${flow.id}`, {
      graph: orderFlow('orders/life', 'sync'),
      message: 'sync now',
    });
    expect(v2.body.latestVersion).toBe(2);
    expect(v2.body.activeVersion).toBe(1);
    const versions = await call(base, 'GET', `/api/flows/${flow.id}/versions`);
    expect(versions.body.versions.map((v: any) => [v.version, v.message])).toEqual([
      [2, 'sync now'],
      [1, ''],
    ]);
    const off = await call(base, 'POST', `/api/flows/${flow.id}/deactivate`);
    expect(off.body.active).toBe(false);
    expect((await call(base, 'POST', '/hooks/orders/life', {})).status).toBe(409);
    const manual = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      payload: { body: { id: 'M', total_cents: 1 } },
    });
    expect(manual.status).toBe(202);
    expect((await waitForRun(base, manual.body.runId)).status).toBe('succeeded');
    const catalog = await call(base, 'GET', '/api/node-types');
    const types = catalog.body.nodeTypes.map((n: any) => n.type);
    expect(types).toEqual(
      expect.arrayContaining(['trigger.rest', 'map', 'branch', 'respond', 'delay', 'http.request']),
    );
    const doc = await call(base, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/flows', '/runs/{id}', '/runs/{id}/retry']),
    );
    const gone = await call(base, 'GET', '/api/flows/00000000-0000-0000-0000-000000000000');
    expect(gone.status).toBe(404);
    const badId = await call(base, 'GET', '/api/flows/not-a-uuid');
    expect(badId.status).toBe(400);
  });
});
