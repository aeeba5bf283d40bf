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

  it('takes a reused delivery id with another body as a new event, and dedupes each body', async () => {
    const writer = new IngestWriter(sql);
    const withBody = (hash: string) => ({ ...item('evt-reused'), bodyHash: hash });
    const first = await writer.write(withBody('a'.repeat(64)));
    const sameBody = await writer.write(withBody('a'.repeat(64)));
    const otherBody = await writer.write(withBody('b'.repeat(64)));
    const otherAgain = await writer.write(withBody('b'.repeat(64)));
    expect(first.kind).toBe('created');
    expect(sameBody).toEqual({ ...first, kind: 'duplicate' });
    expect(otherBody.kind).toBe('created');
    if (otherBody.kind !== 'created' || first.kind !== 'created') throw new Error('unreachable');
    expect(otherBody.eventId).not.toBe(first.eventId);
    expect(otherBody.reusedDeliveryId).toEqual({ previousEventId: first.eventId });
    expect(otherAgain).toEqual({
      kind: 'duplicate',
      eventId: otherBody.eventId,
      runIds: otherBody.runIds,
    });
    const keys = await sql<{ external_id: string }[]>`
      select external_id from events where source = 'rest:test' and external_id like 'evt-reused%'
      order by received_at`;
    expect(keys.map((k) => k.external_id)).toEqual(['evt-reused', `evt-reused#${'b'.repeat(64)}`]);
  });

  it('does not let a delivery id seen before swallow a new identity key', async () => {
    // A reused delivery id carrying a new order: the order's identity key must end up pointing at
    // the event that was stored for it, so later copies of that order are its duplicates.
    const writer = new IngestWriter(sql);
    const order = (key: string, hash: string) => ({
      ...item('evt-identity'),
      bodyHash: hash,
      idempotency: { scope: 'shopify:test', key, hash: key },
    });
    const first = await writer.write(order('orders/create:1', 'c'.repeat(64)));
    const reused = await writer.write(order('orders/create:2', 'd'.repeat(64)));
    expect(reused.kind).toBe('created');
    const [rec] = await sql<{ event_id: string }[]>`
      select event_id::text from idempotency_records
      where scope = 'shopify:test' and key = 'orders/create:2'`;
    expect(rec!.event_id).toBe(reused.eventId);
    expect(reused.eventId).not.toBe(first.eventId);
    const copy = await writer.write({
      ...order('orders/create:2', 'd'.repeat(64)),
      externalId: 'x',
    });
    expect(copy).toEqual({
      kind: 'duplicate',
      eventId: reused.eventId,
      runIds: reused.kind === 'created' ? reused.runIds : [],
    });
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
