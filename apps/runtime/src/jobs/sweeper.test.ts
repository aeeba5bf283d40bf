import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freshDatabase, restFlow, startTestRuntime } from '../../test/support';
import { openSql, type Sql } from '../db/client';
import { createLogger } from '../logger';
import type { RuntimeHandle } from '../start-runtime';
import { Sweeper } from './sweeper';

let api: RuntimeHandle;
let sql: Sql;
const sweeper = () =>
  new Sweeper(sql, createLogger('silent'), { deadAfterS: 30, graceS: 0, everyMs: 60_000 });

beforeAll(async () => {
  const url = await freshDatabase();
  // An API-only runtime: runs are queued, and nothing but the test touches them.
  api = await startTestRuntime(url, { role: 'api' });
  sql = openSql(url, { max: 3 });
  const flow = await call(api.url!, 'POST', '/api/flows', {
    name: 'sweep',
    graph: restFlow(
      'sweep',
      [{ id: 'm', type: 'map', config: { expression: 'body' } }],
      [['trigger', 'm']],
    ),
    activate: true,
  });
  expect(flow.status).toBe(201);
  await sql`insert into worker_heartbeats (process_id, hostname, pid, queue_worker_ids, last_seen_at)
            values ('live-process', 'h', '1', ${['live-pool', 'live-worker']}, now())`;
});
afterAll(async () => {
  await sql?.end();
  await api?.stop();
});

async function newRun(): Promise<string> {
  const res = await call(api.url!, 'POST', '/hooks/sweep', { n: Math.random() });
  expect(res.status).toBe(202);
  return res.body.runId as string;
}

const jobsOf = (runId: string) => sql<{ id: string; locked_by: string | null; attempts: number }[]>`
  select id::text, locked_by, attempts from graphile_worker._private_jobs
  where payload->>'runId' = ${runId}`;
const runOf = async (runId: string) =>
  (
    await sql<{ status: string; worker_id: string | null }[]>`
    select status, worker_id from runs where id = ${runId}`
  )[0]!;

describe('the sweeper', () => {
  it('requeues a run left running under a live process without a job, once', async () => {
    const runId = await newRun();
    // What a lost job leaves: the run claimed by a process that is alive but not running it.
    await sql`delete from graphile_worker._private_jobs where payload->>'runId' = ${runId}`;
    await sql`update runs set status = 'running', worker_id = 'live-process' where id = ${runId}`;

    const first = await sweeper().sweep();
    expect(first?.requeued).toContain(runId);
    expect(await runOf(runId)).toEqual({ status: 'queued', worker_id: null });
    expect(await jobsOf(runId)).toHaveLength(1);

    const again = await sweeper().sweep();
    expect(again?.requeued).not.toContain(runId);
    expect(await jobsOf(runId)).toHaveLength(1);
  });

  it('leaves runs whose job is pending or held by a live worker', async () => {
    const pending = await newRun();
    const held = await newRun();
    await sql`update graphile_worker._private_jobs set locked_at = now() - interval '1 hour',
                locked_by = 'live-worker' where payload->>'runId' = ${held}`;
    await sql`update runs set status = 'running', worker_id = 'live-process' where id = ${held}`;
    const result = await sweeper().sweep();
    expect(result?.requeued).not.toContain(pending);
    expect(result?.requeued).not.toContain(held);
    expect(await runOf(held)).toEqual({ status: 'running', worker_id: 'live-process' });
    expect((await jobsOf(held))[0]?.locked_by).toBe('live-worker');
  });

  it('unlocks jobs of queue workers that belong to no live process, adding none', async () => {
    const runId = await newRun();
    await sql`update graphile_worker._private_jobs set locked_at = now() - interval '1 minute',
                locked_by = 'gone-worker' where payload->>'runId' = ${runId}`;
    const result = await sweeper().sweep();
    expect(result?.unlockedJobs).toBeGreaterThanOrEqual(1);
    expect(result?.requeued).not.toContain(runId);
    expect(await jobsOf(runId)).toEqual([expect.objectContaining({ locked_by: null })]);
  });

  it('replaces a job that used up its attempts', async () => {
    const runId = await newRun();
    await sql`update graphile_worker._private_jobs set attempts = max_attempts
              where payload->>'runId' = ${runId}`;
    const result = await sweeper().sweep();
    expect(result?.requeued).toContain(runId);
    expect(await jobsOf(runId)).toEqual([expect.objectContaining({ attempts: 0 })]);
  });

  it('sweeps in one process at a time', async () => {
    const runId = await newRun();
    await sql`delete from graphile_worker._private_jobs where payload->>'runId' = ${runId}`;
    let result: unknown = 'not run';
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${0x70627377})`;
      result = await sweeper().sweep();
    });
    expect(result).toBeNull();
    expect(await jobsOf(runId)).toHaveLength(0);
    expect((await sweeper().sweep())?.requeued).toContain(runId);
  });
});
