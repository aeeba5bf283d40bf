import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** A webhook receiver counting posts per path; `/item/b` holds its answer so a worker can die. */
function receiver() {
  const hits: Record<string, number> = {};
  let onSlowHit: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const reply = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path === '/item/b') {
      onSlowHit?.();
      setTimeout(reply, 4000);
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

describe('for-each across a worker crash (Postgres)', () => {
  it('resumes at the unfinished item after kill -9 and never repeats an item', async () => {
    const svc = receiver();
    const port = await svc.listen();
    try {
      const graph = restFlow(
        'loop',
        [
          {
            id: 'loop',
            type: 'for-each',
            config: { items: '=$trigger.body.items', itemKey: 'id' },
          },
          {
            id: 'post',
            type: 'notify.webhook',
            config: {
              url: `="http://127.0.0.1:${port}/item/" & $.item.id`,
              text: '="Item " & $.item.id',
            },
          },
          {
            id: 'summary',
            type: 'map',
            config: { expression: '{ "ok": succeeded, "failed": failed }' },
          },
        ],
        [
          ['trigger', 'loop'],
          ['loop', 'post', 'item'],
          ['loop', 'summary', 'done'],
        ],
      );
      const created = await call(api.url!, 'POST', '/api/flows', {
        name: 'loop',
        graph,
        activate: true,
      });
      expect(created.status).toBe(201);
      const w1 = worker();
      await w1.waitFor(/worker started/);
      const slowHit = svc.nextSlowHit();
      const sent = await call(api.url!, 'POST', '/hooks/loop', {
        items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      });
      expect(sent.status).toBe(202);
      await slowHit;
      w1.child.kill('SIGKILL');
      await w1.exited;

      const w2 = worker();
      await w2.waitFor(/worker started/);
      const run = await waitForRun(api.url!, sent.body.runId, undefined, 45_000);
      expect(run.status).toBe('succeeded');
      // Finished item a is not posted again; b, in flight at the crash, is not posted blindly a
      // second time (its outcome is unknown, so the item is failed with a clear code); c runs.
      expect(svc.hits).toEqual({ '/item/a': 1, '/item/b': 1, '/item/c': 1 });
      const ids = run.steps.map((s: any) => s.nodeId);
      expect(ids.filter((id: string) => id === 'loop[a]/post')).toHaveLength(1);
      expect(ids).toContain('loop[c]/post');
      expect(run.steps.at(-1).output).toEqual({ ok: 2, failed: 1 });
      const done = run.steps.find((s: any) => s.nodeId === 'loop' && s.port === 'done');
      expect(done.output.results[1]).toMatchObject({
        key: 'b',
        status: 'failed',
        error: { code: 'WEBHOOK_OUTCOME_UNKNOWN' },
      });
      w2.child.kill('SIGTERM');
      expect((await w2.exited).code).toBe(0);
    } finally {
      svc.server.close();
    }
  });
});
