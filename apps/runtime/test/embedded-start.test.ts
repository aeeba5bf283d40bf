import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_DIR, spawnRuntime, type RuntimeProcess } from './processes';
import { call, restFlow } from './support';

/**
 * These tests run the runtime as `npm start` ships it: compiled by `npm run build` into dist/
 * (built here from the current source), not through tsx, so a file the bundle cannot find at run
 * time (migrations, templates, the expression threads' entry) fails here.
 */
beforeAll(() => {
  const built = spawnSync(
    process.execPath,
    [join(RUNTIME_DIR, '../../scripts/build-runtime.mjs')],
    {
      cwd: RUNTIME_DIR,
      encoding: 'utf8',
    },
  );
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

const procs: RuntimeProcess[] = [];
let dataDir = '';

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ proc: RuntimeProcess; url: string }> {
  const proc = spawnRuntime(
    [],
    { DATABASE_URL: '', PORT: '0', PAYBRIDGE_DATA_DIR: dataDir },
    { built: true },
  );
  procs.push(proc);
  const m = await proc.waitFor(/Paybridge is running at (http:\/\/\S+)/);
  return { proc, url: m[1]! };
}

function postmasterAlive(): boolean {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Postgres default', () => {
  it('keeps data across a clean restart and recovers from a killed runtime', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'paybridge-data-'));
    const first = await start();
    const created = await call(first.url, 'POST', '/api/flows', {
      name: 'kept',
      graph: restFlow('kept', [], []),
      activate: true,
    });
    expect(created.status).toBe(201);
    expect((await call(first.url, 'GET', '/readyz')).status).toBe(200);
    expect((await stat(join(dataDir, 'pg-credentials.json'))).mode & 0o777).toBe(0o600);

    first.proc.child.kill('SIGTERM');
    expect((await first.proc.exited).code).toBe(0);
    expect(postmasterAlive()).toBe(false);

    const second = await start();
    const flows = await call(second.url, 'GET', '/api/flows');
    expect(flows.body.flows.map((f: any) => f.name)).toEqual(['kept']);
    const sent = await call(second.url, 'POST', '/hooks/kept', { hello: 'again' });
    expect(sent.status).toBe(202);

    // The shipped templates and the expression threads are found from the bundle too.
    const templates = await call(second.url, 'GET', '/api/templates');
    expect(templates.body.templates.map((t: any) => t.id)).toContain('order-to-cash');
    const mapped = await call(second.url, 'POST', '/api/flows', {
      name: 'mapped',
      graph: restFlow(
        'mapped',
        [
          { id: 'shape', type: 'map', config: { expression: '{ "total": body.a + body.b }' } },
          { id: 'reply', type: 'respond' },
        ],
        [
          ['trigger', 'shape'],
          ['shape', 'reply'],
        ],
        { mode: 'sync' },
      ),
      activate: true,
    });
    expect(mapped.status).toBe(201);
    const answer = await call(second.url, 'POST', '/hooks/mapped', { a: 2, b: 3 });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ total: 5 });

    // A runtime killed outright leaves its Postgres behind; the next start takes it over.
    second.proc.child.kill('SIGKILL');
    await second.proc.exited;
    const third = await start();
    const run = await call(third.url, 'GET', `/api/runs/${sent.body.runId}`);
    expect(run.status).toBe(200);
    third.proc.child.kill('SIGINT');
    expect((await third.proc.exited).code).toBe(0);
  }, 150_000);

  it('names the bad variable when configuration is invalid', async () => {
    const proc = spawnRuntime(
      [],
      { PORT: 'eighty', PAYBRIDGE_WORKER_CONCURRENCY: '0' },
      { built: true },
    );
    procs.push(proc);
    const exit = await proc.exited;
    expect(exit.code).toBe(2);
    expect(proc.output()).toMatch(/PORT: .*"eighty"/);
    expect(proc.output()).toMatch(/PAYBRIDGE_WORKER_CONCURRENCY/);
  });
});
