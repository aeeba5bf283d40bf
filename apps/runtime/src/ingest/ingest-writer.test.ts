import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { freshDatabase } from '../../test/support';
import { IngestWriter } from './ingest-writer';

let sql: Sql;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 8);
  sql = s;
  await migrateDatabase(db, sql, url, createLogger('warn'));
  const [flow] = await sql<{ id: string }[]>`insert into flows (name) values ('w') returning id`;
  flowId = flow!.id;
  const [v] = await sql<{ id: string }[]>`
    insert into flow_versions (flow_id, version, graph, trigger_type)
    values (${flowId}, 1, '{"nodes":[],"edges":[]}', 'trigger.rest') returning id`;
  versionId = v!.id;
});
afterAll(async () => {
  await sql?.end();
});

const item = (externalId?: string) => ({
  source: 'rest:test',
  payload: { body: { n: 1 } },
  runs: [{ flowId, versionId }],
  ...(externalId ? { externalId } : {}),
});

describe('IngestWriter', () => {
  it('commits an event, its run and a queue job for every concurrent write', async () => {
    const writer = new IngestWriter(sql);
    const results = await Promise.all(Array.from({ length: 50 }, () => writer.write(item())));
    const runIds = results.flatMap((r) => (r.kind === 'created' ? r.runIds : []));
    expect(runIds).toHaveLength(50);
    const jobs = await sql<{ run_id: string; task: string }[]>`
      select j.payload->>'runId' as run_id, t.identifier as task
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.payload->>'runId' = any(${runIds})`;
    expect(jobs).toHaveLength(50);
    expect(new Set(jobs.map((j) => j.task))).toEqual(new Set(['run.execute']));
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from runs r join events e on e.id = r.event_id
      where r.id = any(${runIds}) and r.status = 'queued'`;
    expect(row!.n).toBe(50);
  });

  it('recognises a redelivered event and a reused idempotency key', async () => {
    const writer = new IngestWriter(sql);
    const first = await writer.write(item('evt-1'));
    const again = await writer.write(item('evt-1'));
    expect(first.kind).toBe('created');
    expect(again).toEqual({ ...first, kind: 'duplicate' });

    const keyed = (hash: string) => ({
      ...item(),
      idempotency: { scope: 'hook:test', key: 'k-1', hash },
    });
    const a = await writer.write(keyed('h1'));
    const b = await writer.write(keyed('h1'));
    const c = await writer.write(keyed('h2'));
    expect(b).toEqual({ ...a, kind: 'duplicate' });
    expect(c.kind).toBe('conflict');
  });

  it('wakes idle workers, and still wakes them when a burst was throttled', async () => {
    // Let trailing wake-ups of the earlier tests' writers (25 ms windows) go out first.
    await new Promise((r) => setTimeout(r, 200));
    const writer = new IngestWriter(sql, { wakeEveryMs: 1000 });
    const seen: string[] = [];
    const listener = await sql.listen('jobs:insert', (payload) => seen.push(payload));
    try {
      await writer.write(item());
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(1);
      // Within the window: no NOTIFY with the batch, but a trailing one when the window ends.
      await writer.write(item());
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(1);
      const until = Date.now() + 3000;
      while (seen.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toHaveLength(2);
    } finally {
      await listener.unlisten();
    }
  });
});
