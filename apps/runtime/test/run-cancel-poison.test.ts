import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** A local service counting calls; `/slow` answers after `slowMs` and reports each hit. */
function slowServer(slowMs: number) {
  const hits: Record<string, number> = {};
  let onSlowHit: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const reply = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: hits[path] }));
    };
    if (path === '/slow') {
      onSlowHit?.();
      setTimeout(reply, slowMs);
    } else reply();
  });
  return {
    hits,
    server,
    nextSlowHit: () => new Promise<void>((r) => (onSlowHit = r)),
    listen: () =>
      new Promise<number>((r) =>
        server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
      ),
  };
}

let dbUrl: string;
let api: RuntimeHandle;
let sql: Sql;
const workers: RuntimeProcess[] = [];

beforeAll(async () => {
  dbUrl = await freshDatabase();
  api = await startTestRuntime(dbUrl, { role: 'api' });
  sql = openSql(dbUrl, { max: 2 });
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await sql?.end();
  await api?.stop();
});

function worker(): RuntimeProcess {
  const w = spawnRuntime(['--role', 'worker'], {
    DATABASE_URL: dbUrl,
    PAYBRIDGE_WORKER_DEAD_AFTER_S: '3',
    PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
  });
  workers.push(w);
  return w;
}

async function stopWorker(w: RuntimeProcess) {
  w.child.kill('SIGTERM');
  await w.exited;
}

/** trigger -> http.request /slow -> map: a run that is "running" for as long as /slow takes. */
async function slowFlow(path: string, port: number) {
  const graph = restFlow(
    path,
    [
      {
        id: 'call',
        type: 'http.request',
        config: { method: 'POST', url: `http://127.0.0.1:${port}/slow` },
      },
      { id: 'after', type: 'map', config: { expression: '{ "n": body.n }' } },
    ],
    [
      ['trigger', 'call'],
      ['call', 'after'],
    ],
  );
  const res = await call(api.url!, 'POST', '/api/flows', { name: path, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const jobsOf = async (runId: string) =>
  (
    await sql<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs
                               where payload->>'runId' = ${runId}`
  )[0]!.n;

describe('cancelling runs', () => {
  it('cancels a queued run: it never starts, its job is gone, and a second cancel is 409', async () => {
    const svc = slowServer(10);
    const port = await svc.listen();
    try {
      await slowFlow('cancel-queued', port);
      const sent = await call(api.url!, 'POST', '/hooks/cancel-queued', {});
      expect(sent.status).toBe(202);
      const runId = sent.body.runId as string;
      expect(await jobsOf(runId)).toBe(1);

      const cancelled = await call(api.url!, 'POST', `/api/runs/${runId}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ runId, status: 'cancelled', previous: 'queued' });
      expect(await jobsOf(runId)).toBe(0);

      const again = await call(api.url!, 'POST', `/api/runs/${runId}/cancel`);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/is cancelled; only queued, waiting or running/);

      const audit = await sql<{ n: number }[]>`select count(*)::int as n from audit_log
                                              where action = 'run.cancel' and target_id = ${runId}`;
      expect(audit[0]!.n).toBe(1);

      const w = worker();
      await w.waitFor(/worker started/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(svc.hits['/slow']).toBeUndefined();
      expect((await call(api.url!, 'GET', `/api/runs/${runId}`)).body.status).toBe('cancelled');
      await stopWorker(w);
    } finally {
      svc.server.close();
    }
  }, 40_000);

  it('stops a running run at its next step boundary', async () => {
    const svc = slowServer(1500);
    const port = await svc.listen();
    try {
      await slowFlow('cancel-running', port);
      const w = worker();
      await w.waitFor(/worker started/);
      const hit = svc.nextSlowHit();
      const sent = await call(api.url!, 'POST', '/hooks/cancel-running', {});
      const runId = sent.body.runId as string;
      await hit;
      const cancelled = await call(api.url!, 'POST', `/api/runs/${runId}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.previous).toBe('running');
      await w.waitFor(/run cancelled; its execution stopped/, 10_000);
      const run = (await call(api.url!, 'GET', `/api/runs/${runId}`)).body;
      expect(run.status).toBe('cancelled');
      expect(run.steps.map((s: any) => s.nodeId)).not.toContain('after');
      expect(svc.hits['/slow']).toBe(1);
      const finished = await call(api.url!, 'POST', `/api/runs/${runId}/cancel`);
      expect(finished.status).toBe(409);
      await stopWorker(w);
    } finally {
      svc.server.close();
    }
  }, 40_000);

  it('cancels a waiting run so that it never resumes', async () => {
    const graph = restFlow(
      'cancel-waiting',
      [
        { id: 'wait', type: 'delay', config: { ms: 2000 } },
        { id: 'after', type: 'map', config: { expression: '1' } },
      ],
      [
        ['trigger', 'wait'],
        ['wait', 'after'],
      ],
    );
    await call(api.url!, 'POST', '/api/flows', { name: 'waiting', graph, activate: true });
    const w = worker();
    await w.waitFor(/worker started/);
    const sent = await call(api.url!, 'POST', '/hooks/cancel-waiting', {});
    const runId = sent.body.runId as string;
    await waitForRun(api.url!, runId, (r) => r.status === 'waiting');
    const cancelled = await call(api.url!, 'POST', `/api/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.previous).toBe('waiting');
    await new Promise((r) => setTimeout(r, 3000));
    const run = (await call(api.url!, 'GET', `/api/runs/${runId}`)).body;
    expect(run.status).toBe('cancelled');
    expect(run.steps.map((s: any) => s.nodeId)).not.toContain('after');
    await stopWorker(w);
  }, 40_000);

  it('answers 404 for an unknown run', async () => {
    const res = await call(
      api.url!,
      'POST',
      '/api/runs/00000000-0000-4000-8000-000000000000/cancel',
    );
    expect(res.status).toBe(404);
  });
});

describe('poisoned runs', () => {
  it('quarantines a run as POISONED after its executions crash the worker 3 times', async () => {
    const svc = slowServer(30_000);
    const port = await svc.listen();
    try {
      await slowFlow('poison', port);
      const sent = await call(api.url!, 'POST', '/hooks/poison', {});
      const runId = sent.body.runId as string;
      for (let crash = 1; crash <= 3; crash++) {
        const hit = svc.nextSlowHit();
        const w = worker();
        await w.waitFor(/worker started/);
        await hit;
        w.child.kill('SIGKILL');
        await w.exited;
      }
      expect(svc.hits['/slow']).toBe(3);
      const w = worker();
      await w.waitFor(/worker started/);
      const run = await waitForRun(api.url!, runId, undefined, 30_000);
      expect(run.status).toBe('failed');
      expect(run.error.code).toBe('POISONED');
      expect(svc.hits['/slow']).toBe(3);
      const dead = await sql<{ n: number }[]>`select count(*)::int as n from dead_letters
                                             where run_id = ${runId}`;
      expect(dead[0]!.n).toBe(1);
      // Nothing runs it again on its own: not the queue, not the sweeper.
      await new Promise((r) => setTimeout(r, 2000));
      expect(svc.hits['/slow']).toBe(3);
      expect((await call(api.url!, 'GET', `/api/runs/${runId}`)).body.status).toBe('failed');
      await stopWorker(w);
    } finally {
      svc.server.close();
    }
  }, 120_000);
});
