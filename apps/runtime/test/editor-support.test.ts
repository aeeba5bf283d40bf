import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** Runtime support for the editor: shared pinned samples, run to a node, the public URL. */
let rt: RuntimeHandle;
let base: string;
let dbUrl: string;
let hits = 0;
let sink: Server;
let sinkUrl: string;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const free = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return free;
}

beforeAll(async () => {
  sink = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/notify`;
  dbUrl = await freshDatabase();
  // A public URL that differs from the printed one (localhost, trailing slash) but still answers.
  port = await freePort();
  rt = await startTestRuntime(dbUrl, {
    env: {
      PORT: String(port),
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
      PAYBRIDGE_PUBLIC_URL: `http://localhost:${port}/`,
    },
  });
  base = rt.url!.replace(/\/$/, '');
});
afterAll(async () => {
  await rt?.stop();
  sink?.close();
});

async function create(name: string, graph: unknown, activate = false) {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function viewerToken(): Promise<string> {
  const res = await call(base, 'POST', '/api/tokens', { name: 'viewer', role: 'viewer' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

/** trigger → wait (suspends) → shape → notify (an HTTP call: an effect outside Paybridge). */
const pipeline = (path: string) => {
  const graph = restFlow(
    path,
    [
      { id: 'wait', type: 'delay', config: { ms: 300 } },
      { id: 'shape', type: 'map', config: { expression: '{ "order": body.id }' } },
      { id: 'notify', type: 'http.request', config: { method: 'POST', url: sinkUrl } },
    ],
    [
      ['trigger', 'wait'],
      ['wait', 'shape'],
      ['shape', 'notify'],
    ],
  );
  return graph;
};

describe('pinned samples', () => {
  it('pins, lists, replaces and unpins samples of any JSON, auditing each change', async () => {
    const flow = await create('samples', restFlow('samples', [], []));
    const url = `/api/flows/${flow.id}/samples`;
    expect((await call(base, 'GET', url)).body).toEqual({ samples: [] });

    const body = { method: 'POST', path: 'samples', body: { id: 7, lines: [1, 2] } };
    const put = await call(base, 'PUT', `${url}/trigger`, body);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ nodeId: 'trigger', payload: body });
    expect((await call(base, 'PUT', `${url}/other`, [1, 'two', null])).status).toBe(200);
    expect((await call(base, 'PUT', `${url}/trigger`, { replaced: true })).status).toBe(200);

    const listed = await call(base, 'GET', url, undefined, {
      authorization: `Bearer ${await viewerToken()}`,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.samples.map((s: any) => [s.nodeId, s.payload])).toEqual([
      ['other', [1, 'two', null]],
      ['trigger', { replaced: true }],
    ]);

    expect((await call(base, 'DELETE', `${url}/other`)).status).toBe(204);
    const again = await call(base, 'DELETE', `${url}/other`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('SAMPLE_NOT_FOUND');
    expect((await call(base, 'GET', url)).body.samples).toHaveLength(1);

    const audit = await call(base, 'GET', `/api/audit?targetId=${flow.id}`);
    const actions = audit.body.entries
      .filter((e: any) => e.targetId === flow.id)
      .map((e: any) => e.action);
    expect(actions.filter((a: string) => a === 'flow.sample.pin')).toHaveLength(3);
    expect(actions).toContain('flow.sample.unpin');
  });

  it('refuses card data, bad node ids, unknown flows and viewers, each with a clear 4xx', async () => {
    const flow = await create('samples-guard', restFlow('samples-guard', [], []));
    const url = `/api/flows/${flow.id}/samples`;
    const card = await call(base, 'PUT', `${url}/trigger`, {
      body: { card: { number: '4111 1111 1111 1111' } },
    });
    expect(card.status).toBe(400);
    expect(card.body.error.code).toBe('CARD_DATA_REFUSED');
    expect(card.body.error.message).toContain('body.card.number');

    const badId = await call(base, 'PUT', `${url}/9-starts-with-digit`, {});
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('nodeId');

    const notJson = await call(base, 'PUT', `${url}/trigger`, '{not json', {
      'content-type': 'application/json',
    });
    expect(notJson.status).toBe(400);

    const missing = await call(
      base,
      'PUT',
      '/api/flows/00000000-0000-4000-8000-000000000000/samples/trigger',
      {},
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('FLOW_NOT_FOUND');

    const viewer = await call(
      base,
      'PUT',
      `${url}/trigger`,
      {},
      {
        authorization: `Bearer ${await viewerToken()}`,
      },
    );
    expect(viewer.status).toBe(403);
  });

  it('deletes the samples with the flow', async () => {
    const flow = await create('samples-gone', restFlow('samples-gone', [], []));
    expect(
      (await call(base, 'PUT', `/api/flows/${flow.id}/samples/trigger`, { a: 1 })).status,
    ).toBe(200);
    expect((await call(base, 'DELETE', `/api/flows/${flow.id}`)).status).toBe(204);
    expect((await call(base, 'GET', `/api/flows/${flow.id}/samples`)).status).toBe(404);
    const { openSql } = await import('../src/db/client');
    const sql = openSql(dbUrl, { max: 1 });
    try {
      const rows = await sql`select 1 from flow_samples where flow_id = ${flow.id}`;
      expect(rows).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });
});

describe('run to a node', () => {
  it('ends the run after the chosen node, across a suspension, and never calls what follows', async () => {
    const flow = await create('to-here', pipeline('to-here'));
    hits = 0;
    const started = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      payload: { body: { id: 42 } },
      stopAfter: 'shape',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await waitForRun(base, started.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.stopAfter).toBe('shape');
    expect(run.steps.map((s: any) => [s.nodeId, s.status])).toEqual([
      ['trigger', 'succeeded'],
      ['wait', 'suspended'],
      ['wait', 'succeeded'],
      ['shape', 'succeeded'],
    ]);
    expect(run.steps.at(-1).output).toEqual({ order: 42 });
    await new Promise((r) => setTimeout(r, 200));
    expect(hits).toBe(0);

    const full = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      payload: { body: { id: 43 } },
    });
    const fullRun = await waitForRun(base, full.body.runId);
    expect(fullRun.status).toBe('succeeded');
    expect(fullRun.stopAfter).toBeNull();
    expect(hits).toBe(1);
  });

  it('runs up to the nodes before a merge: the way the data took, never the merge', async () => {
    // A branch sends big orders to review and the rest to accept; both lead to the booking.
    const graph = restFlow(
      'before-merge',
      [
        {
          id: 'route',
          type: 'branch',
          config: { rules: [{ port: 'big', when: 'body.total > 100' }] },
        },
        { id: 'review', type: 'map', config: { expression: '{ "way": "review" }' } },
        {
          id: 'accept',
          type: 'map',
          config: { expression: '{ "way": "accept", "order": body.id }' },
        },
        { id: 'book', type: 'http.request', config: { method: 'POST', url: sinkUrl } },
      ],
      [
        ['trigger', 'route'],
        ['route', 'review', 'big'],
        ['route', 'accept', 'default'],
        ['review', 'book'],
        ['accept', 'book'],
      ],
    );
    const flow = await create('before-merge', graph);
    hits = 0;
    const started = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      payload: { body: { id: 7, total: 50 } },
      stopAfter: ['review', 'accept'],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await waitForRun(base, started.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: any) => s.nodeId)).toEqual(['trigger', 'route', 'accept']);
    expect(run.steps.at(-1).output).toEqual({ way: 'accept', order: 7 });
    await new Promise((r) => setTimeout(r, 200));
    expect(hits).toBe(0);

    const unknown = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      stopAfter: ['review', 'nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_NODE');
    expect(unknown.body.error.message).toContain('has no node "nope"');
  });

  it('runs the chosen version: latest even while an older one is live', async () => {
    const v1 = restFlow(
      'versions',
      [{ id: 'one', type: 'map', config: { expression: '1' } }],
      [['trigger', 'one']],
    );
    const flow = await create('versions', v1, true);
    const v2 = restFlow(
      'versions',
      [{ id: 'two', type: 'map', config: { expression: '2' } }],
      [['trigger', 'two']],
    );
    expect((await call(base, 'PUT', `/api/flows/${flow.id}`, { graph: v2 })).status).toBe(200);

    const onActive = await call(base, 'POST', `/api/flows/${flow.id}/run`, { stopAfter: 'two' });
    expect(onActive.status).toBe(400);
    expect(onActive.body.error.code).toBe('UNKNOWN_NODE');
    expect(onActive.body.error.message).toBe(
      'stopAfter: version 1 of this flow has no node "two" (it has: trigger, one)',
    );

    const latest = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      stopAfter: 'two',
      version: 'latest',
    });
    expect(latest.status).toBe(202);
    const run = await waitForRun(base, latest.body.runId);
    expect(run.flowVersion).toBe(2);
    expect(run.steps.map((s: any) => s.nodeId)).toEqual(['trigger', 'two']);

    const byNumber = await call(base, 'POST', `/api/flows/${flow.id}/run`, { version: 1 });
    expect((await waitForRun(base, byNumber.body.runId)).flowVersion).toBe(1);

    const noSuch = await call(base, 'POST', `/api/flows/${flow.id}/run`, { version: 9 });
    expect(noSuch.status).toBe(404);
    expect(noSuch.body.error.code).toBe('VERSION_NOT_FOUND');
    const badVersion = await call(base, 'POST', `/api/flows/${flow.id}/run`, { version: 'draft' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.message).toContain('version');
  });

  it('refuses card data in a manual payload and a run of an inactive flow on "active"', async () => {
    const flow = await create('manual-guard', restFlow('manual-guard', [], []));
    const card = await call(base, 'POST', `/api/flows/${flow.id}/run`, {
      payload: { body: { cvv: '123' } },
    });
    expect(card.status).toBe(400);
    expect(card.body.error.code).toBe('CARD_DATA_REFUSED');
    const inactive = await call(base, 'POST', `/api/flows/${flow.id}/run`, { version: 'active' });
    expect(inactive.status).toBe(409);
    expect(inactive.body.error.code).toBe('FLOW_NOT_ACTIVE');
  });
});

describe('settings', () => {
  it('gives signed-in users the public URL without a trailing slash, and nobody else', async () => {
    const res = await call(base, 'GET', '/api/settings', undefined, {
      authorization: `Bearer ${await viewerToken()}`,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      publicUrl: `http://localhost:${port}`,
      hooksUrl: null,
      sandbox: false,
      version: '0.1.0',
      nodeVersion: process.version,
    });
    expect(
      (await call(base, 'GET', '/api/settings', undefined, { authorization: '' })).status,
    ).toBe(401);
  });

  it('falls back to the URL the runtime printed at start', async () => {
    const api = await startTestRuntime(dbUrl, { role: 'api' });
    try {
      const res = await call(api.url!, 'GET', '/api/settings');
      expect(res.body.publicUrl).toBe(api.url);
      expect(api.url).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
    } finally {
      await api.stop();
    }
  });
});
