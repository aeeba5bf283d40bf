import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Sql } from '../src/db/client';
import { IngestWriter } from '../src/ingest/ingest-writer';
import { enqueueRun } from '../src/runs/direct-run';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  call,
  freshDatabase,
  restFlow,
  startTestRuntime,
  syncMapFlow,
  waitForRun,
} from './support';

/**
 * Sync flows without effects are handed to the worker without the queue: the event and the run
 * are committed without a job, the worker executes the run at once and answers with its result.
 * The queue's job table is watched by a trigger in the test database (finished jobs are deleted,
 * so their absence afterwards would prove nothing).
 */

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let server: Server;
let serverUrl: string;

beforeAll(async () => {
  const db = await freshDatabase();
  rt = await startTestRuntime(db, { env: { PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' } });
  base = rt.url!;
  sql = createDb(db, 2).sql;
  await sql.unsafe(`
    create table test_jobs_written (run_id text not null);
    create function test_job_written() returns trigger language plpgsql as $$
      begin insert into test_jobs_written values (new.payload->>'runId'); return new; end $$;
    create trigger test_job_written after insert on graphile_worker._private_jobs
      for each row execute function test_job_written();`);
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"stock":7}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await rt?.stop();
  await sql?.end();
  await new Promise<void>((r) => server?.close(() => r()));
});

async function create(name: string, graph: unknown): Promise<{ id: string }> {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function jobsWritten(runId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from test_jobs_written where run_id = ${runId}`;
  return row!.n;
}

describe('sync runs handed to the worker without the queue', () => {
  it('answers a flow without effects with no queue job, its run and steps committed first', async () => {
    await create('direct map', syncMapFlow('direct-map', '$merge([body, {"checked": true}])'));
    const res = await call(base, 'POST', '/hooks/direct-map', { order: 1001 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ result: { order: 1001, checked: true } });
    const runId = res.headers.get('x-paybridge-run-id')!;
    // Read at once: what the caller heard is already durable.
    const [run] = await sql<{ status: string; steps: number; response: unknown }[]>`
      select status, response,
             (select count(*)::int from run_steps s where s.run_id = r.id) as steps
        from runs r where id = ${runId}`;
    expect(run).toMatchObject({ status: 'succeeded', steps: 3 });
    expect(run!.response).toMatchObject({ status: 200, body: { result: { order: 1001 } } });
    expect(await jobsWritten(runId)).toBe(0);
  });

  it('answers many concurrent requests, each from its own run', async () => {
    await create('direct echo', syncMapFlow('direct-echo', '{"n": body.n * 2}'));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => call(base, 'POST', '/hooks/direct-echo', { n })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.map((a) => a.body.result.n)).toEqual(answers.map((_, n) => n * 2));
    const ids = new Set(answers.map((a) => a.headers.get('x-paybridge-run-id')));
    expect(ids.size).toBe(40);
    const [queued] = await sql<{ n: number }[]>`
      select count(*)::int as n from test_jobs_written where run_id = any(${[...ids] as string[]})`;
    expect(queued!.n).toBe(0);
  });

  it('keeps the queue for a sync flow with an effect', async () => {
    const graph = restFlow(
      'with-effect',
      [
        { id: 'stock', type: 'http.request', config: { method: 'GET', url: `${serverUrl}/stock` } },
        {
          id: 'answer',
          type: 'respond',
          config: { status: 200, body: '={ "stock": body.stock }' },
        },
      ],
      [
        ['trigger', 'stock'],
        ['stock', 'answer'],
      ],
      { mode: 'sync' },
    );
    await create('with effect', graph);
    const res = await call(base, 'POST', '/hooks/with-effect', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ stock: 7 });
    expect(await jobsWritten(res.headers.get('x-paybridge-run-id')!)).toBe(1);
  });

  it('answers a repeated Idempotency-Key with the first run', async () => {
    await create('direct keyed', syncMapFlow('direct-keyed', '{"seen": body.id}'));
    const headers = { 'idempotency-key': 'order-77' };
    const first = await call(base, 'POST', '/hooks/direct-keyed', { id: 77 }, headers);
    const again = await call(base, 'POST', '/hooks/direct-keyed', { id: 77 }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-paybridge-run-id')).toBe(first.headers.get('x-paybridge-run-id'));
  });

  it('queues a run written for a hand-over that did not happen, which then runs', async () => {
    const flow = await create('direct fallback', syncMapFlow('direct-fallback', '{"ok": true}'));
    const [version] = await sql<{ id: string }[]>`
      select active_version_id::text as id from flows where id = ${flow.id}`;
    const ingest = new IngestWriter(sql);
    const written = await ingest.write({
      source: 'test:direct-fallback',
      payload: {},
      runs: [{ flowId: flow.id, versionId: version!.id, direct: true }],
    });
    if (written.kind !== 'created') throw new Error(`not written: ${written.kind}`);
    const runId = written.runIds[0]!;
    expect(await jobsWritten(runId)).toBe(0);
    await enqueueRun(sql, runId, flow.id);
    await enqueueRun(sql, runId, flow.id);
    const run = await waitForRun(base, runId);
    expect(run.status).toBe('succeeded');
    expect(await jobsWritten(runId)).toBeGreaterThanOrEqual(1);
    const [steps] = await sql<{ n: number }[]>`
      select count(*)::int as n from run_steps where run_id = ${runId} and node_id = 'shape'`;
    expect(steps!.n).toBe(1);
  });
});
