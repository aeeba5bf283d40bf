import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase(), {
    env: { PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' },
  });
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

async function create(name: string, graph: unknown, activate = true) {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe('waiting durably', () => {
  it('retries a transient failure with backoff and succeeds without a busy worker', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      if (calls <= 2) {
        res.writeHead(503, { 'retry-after': '0' });
        res.end('busy');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      const graph = restFlow('flaky', [], []);
      graph.nodes.push({
        id: 'call',
        type: 'http.request',
        typeVersion: 1,
        config: { method: 'GET', url: `http://127.0.0.1:${port}/x` },
        retry: { initialDelayMs: 200, jitter: 0, maxAttempts: 4 },
      } as never);
      graph.edges.push({
        from: { node: 'trigger', port: 'out' },
        to: { node: 'call', port: 'in' },
      });
      await create('flaky', graph);
      const sent = await call(base, 'POST', '/hooks/flaky', {});
      const run = await waitForRun(base, sent.body.runId);
      expect(run.status).toBe('succeeded');
      expect(calls).toBe(3);
      const attempts = run.steps.filter((s: any) => s.nodeId === 'call');
      expect(attempts.map((s: any) => [s.attempt, s.status])).toEqual([
        [1, 'retrying'],
        [2, 'retrying'],
        [3, 'succeeded'],
      ]);
      expect(attempts[0].error.errorClass).toBe('transient');
      expect(attempts[0].resumeAt).not.toBeNull();
    } finally {
      server.close();
    }
  });

  it('suspends on a delay node and resumes it later', async () => {
    await create(
      'pause',
      restFlow(
        'pause',
        [
          { id: 'wait', type: 'delay', config: { ms: 1200 } },
          {
            id: 'after',
            type: 'map',
            config: { expression: '{ "resumed": true, "id": body.id }' },
          },
        ],
        [
          ['trigger', 'wait'],
          ['wait', 'after'],
        ],
      ),
    );
    const sent = await call(base, 'POST', '/hooks/pause', { id: 7 });
    const waiting = await waitForRun(base, sent.body.runId, (r) => r.status === 'waiting');
    expect(waiting.resumeAt).not.toBeNull();
    const done = await waitForRun(base, sent.body.runId);
    expect(done.status).toBe('succeeded');
    expect(done.steps.at(-1).output).toEqual({ resumed: true, id: 7 });
    const started = new Date(done.steps[0].startedAt).getTime();
    expect(new Date(done.steps.at(-1).startedAt).getTime() - started).toBeGreaterThanOrEqual(1200);
  });

  it('answers 504 when a sync flow does not respond in time, and the run goes on', async () => {
    await create(
      'slow sync',
      restFlow(
        'slow-sync',
        [
          { id: 'wait', type: 'delay', config: { ms: 1500 } },
          { id: 'reply', type: 'respond', config: {} },
        ],
        [
          ['trigger', 'wait'],
          ['wait', 'reply'],
        ],
        { mode: 'sync', timeoutMs: 300 },
      ),
    );
    const res = await call(base, 'POST', '/hooks/slow-sync', { a: 1 });
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('RUN_TIMEOUT');
    const run = await waitForRun(base, res.body.runId);
    expect(run.status).toBe('succeeded');
  });

  it('fires an active schedule and stops when it is deactivated', async () => {
    const flow = await create('every second', {
      nodes: [
        {
          id: 'tick',
          type: 'trigger.schedule',
          typeVersion: 1,
          config: { cron: '* * * * * *', timezone: 'UTC' },
        },
        { id: 'note', type: 'map', typeVersion: 1, config: { expression: '$trigger.scheduledAt' } },
      ],
      edges: [{ from: { node: 'tick', port: 'out' }, to: { node: 'note', port: 'in' } }],
    });
    const until = Date.now() + 10_000;
    let runs: any[] = [];
    while (Date.now() < until && runs.length < 2) {
      runs = (await call(base, 'GET', `/api/runs?flowId=${flow.id}`)).body.runs;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const detail = await waitForRun(base, runs[0].id);
    expect(detail.trigger.cron).toBe('* * * * * *');
    expect(detail.steps.at(-1).output).toBe(detail.trigger.scheduledAt);
    await call(base, 'POST', `/api/flows/${flow.id}/deactivate`);
    await new Promise((r) => setTimeout(r, 1500));
    const before = (await call(base, 'GET', `/api/runs?flowId=${flow.id}`)).body.runs.length;
    await new Promise((r) => setTimeout(r, 2000));
    const after = (await call(base, 'GET', `/api/runs?flowId=${flow.id}`)).body.runs.length;
    expect(after).toBe(before);
  });
});
