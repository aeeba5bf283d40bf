import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** A local service that counts calls per path; `/slow` holds its answer for `slowMs`. */
function countingServer(slowMs: number) {
  const hits: Record<string, number> = {};
  let onSlowHit: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const reply = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path, n: hits[path] }));
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
const workers: RuntimeProcess[] = [];

beforeAll(async () => {
  dbUrl = await freshDatabase();
  api = await startTestRuntime(dbUrl, { role: 'api' });
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
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

function twoCallFlow(path: string, port: number) {
  return restFlow(
    path,
    [
      {
        id: 'first',
        type: 'http.request',
        config: { method: 'POST', url: `http://127.0.0.1:${port}/first` },
      },
      {
        id: 'second',
        type: 'http.request',
        config: { method: 'POST', url: `http://127.0.0.1:${port}/slow` },
      },
      {
        id: 'done',
        type: 'map',
        config: { expression: '{ "first": $node("first").body.n, "second": body.n }' },
      },
    ],
    [
      ['trigger', 'first'],
      ['first', 'second'],
      ['second', 'done'],
    ],
  );
}

describe('durability across worker processes', () => {
  it('resumes a run after kill -9 of its worker without repeating finished steps', async () => {
    const svc = countingServer(4000);
    const port = await svc.listen();
    try {
      const created = await call(api.url!, 'POST', '/api/flows', {
        name: 'crash',
        graph: twoCallFlow('crash', port),
        activate: true,
      });
      expect(created.status).toBe(201);
      const w1 = worker();
      await w1.waitFor(/worker started/);
      const slowHit = svc.nextSlowHit();
      const sent = await call(api.url!, 'POST', '/hooks/crash', { n: 1 });
      expect(sent.status).toBe(202);
      await slowHit;
      w1.child.kill('SIGKILL');
      await w1.exited;

      const w2 = worker();
      await w2.waitFor(/worker started/);
      const run = await waitForRun(api.url!, sent.body.runId, undefined, 45_000);
      expect(run.status).toBe('succeeded');
      expect(svc.hits['/first']).toBe(1);
      // The step that was in flight when the worker died runs again; finished ones do not.
      expect(svc.hits['/slow']).toBe(2);
      expect(run.steps.map((s: any) => s.nodeId)).toEqual(['trigger', 'first', 'second', 'done']);
      expect(run.steps.at(-1).output).toEqual({ first: 1, second: 2 });
      w2.child.kill('SIGTERM');
      expect((await w2.exited).code).toBe(0);
    } finally {
      svc.server.close();
    }
  });

  it('lets an in-flight step finish on SIGTERM and exits cleanly', async () => {
    const svc = countingServer(1500);
    const port = await svc.listen();
    try {
      await call(api.url!, 'POST', '/api/flows', {
        name: 'drain',
        graph: twoCallFlow('drain', port),
        activate: true,
      });
      const w = worker();
      await w.waitFor(/worker started/);
      const slowHit = svc.nextSlowHit();
      const sent = await call(api.url!, 'POST', '/hooks/drain', {});
      await slowHit;
      w.child.kill('SIGTERM');
      const exit = await w.exited;
      expect(exit.code).toBe(0);
      expect(w.output()).toMatch(/stopped cleanly/);
      const run = (await call(api.url!, 'GET', `/api/runs/${sent.body.runId}`)).body;
      expect(run.status).toBe('succeeded');
      expect(svc.hits['/slow']).toBe(1);
    } finally {
      svc.server.close();
    }
  });
});
