import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from '../../test/support';
import { openSql, type Sql } from '../db/client';
import { createLogger } from '../logger';
import type { RuntimeHandle } from '../start-runtime';
import { RetentionJob } from './retention';

let rt: RuntimeHandle;
let sql: Sql;
const job = (days = 30, batch = 1) =>
  new RetentionJob(sql, createLogger('silent'), { days, everyMs: 60_000, batch });

/** Tables retention may change; the heartbeat table changes by itself while workers live. */
const PRUNED = new Set([
  'runs',
  'run_steps',
  'events',
  'ingress_rate_buckets',
  'worker_heartbeats',
]);

/** A fingerprint of every other table of every schema but the queue's: retention must not touch them. */
async function otherTables(): Promise<Record<string, string>> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema', 'graphile_worker')`;
  const out: Record<string, string> = {};
  for (const t of tables) {
    if (t.schema === 'public' && PRUNED.has(t.name)) continue;
    const [row] = await sql.unsafe<{ f: string }[]>(
      `select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as f
       from "${t.schema}"."${t.name}" x`,
    );
    out[`${t.schema}.${t.name}`] = row!.f;
  }
  return out;
}

async function start(path: string): Promise<any> {
  const res = await call(rt.url!, 'POST', `/hooks/${path}`, {
    order: randomUUID(),
    note: 'x'.repeat(500),
  });
  expect(res.status).toBe(202);
  return waitForRun(rt.url!, res.body.runId as string);
}

const detail = async (id: string) => (await call(rt.url!, 'GET', `/api/runs/${id}`)).body;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  sql = openSql(url, { max: 3 });
  for (const [path, expression] of [
    ['keep/ok', 'body'],
    ['keep/bad', '$error("mapping broke")'],
  ] as const) {
    const flow = await call(rt.url!, 'POST', '/api/flows', {
      name: path,
      graph: restFlow(path, [{ id: 'm', type: 'map', config: { expression } }], [['trigger', 'm']]),
      activate: true,
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  }
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

describe('retention', () => {
  it("prunes old succeeded runs' data and keeps failed runs, dead letters, money records and recent runs", async () => {
    const [old1, old2, recent, failed] = [
      await start('keep/ok'),
      await start('keep/ok'),
      await start('keep/ok'),
      await start('keep/bad'),
    ];
    expect([old1.status, old2.status, recent.status, failed.status]).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'failed',
    ]);
    // A settled charge of the first run: money records outlive its run data.
    await sql`insert into effect_records (business_key, flow_id, event_id, node_id, item, reference,
                fingerprint, status, run_id, operation, amount_minor)
              values ('test:order-1:sale', ${old1.flowId}, ${old1.eventId}, 'm', '0', 'ref-1',
                'fp', 'settled', ${old1.id}, 'sale', 1299)`;
    await sql`insert into ingress_rate_buckets (key, tokens, updated_at)
              values ('rest:gone', 1, now() - interval '2 days'), ('rest:live', 1, now())`;
    await sql`update runs set finished_at = now() - interval '31 days'
              where id in (${old1.id}, ${old2.id}, ${failed.id})`;
    const deadLetters = await sql`select id from dead_letters where run_id = ${failed.id}`;
    expect(deadLetters).toHaveLength(1);
    const untouched = await otherTables();

    // One run per batch here, so the batching loop is what prunes both.
    expect(await job().prune()).toEqual({ runs: 2, steps: 4, events: 2 });

    for (const run of [old1, old2]) {
      const d = await detail(run.id);
      expect(d.status).toBe('succeeded');
      expect([d.createdAt, d.startedAt]).toEqual([run.createdAt, run.startedAt]);
      expect(d.dataPrunedAt).toEqual(expect.any(String));
      expect(d.trigger).toBeNull();
      expect(d.steps).toHaveLength(run.steps.length);
      for (const s of d.steps) expect([s.input, s.output]).toEqual([null, null]);
    }
    for (const run of [recent, failed]) {
      const d = await detail(run.id);
      expect(d.dataPrunedAt).toBeNull();
      expect(d.trigger).toEqual(run.trigger);
      expect(d.steps).toEqual(run.steps);
    }
    expect(await otherTables()).toEqual(untouched);
    const buckets = await sql<{ key: string }[]>`select key from ingress_rate_buckets`;
    expect(buckets.map((b) => b.key)).toContain('rest:live');
    expect(buckets.map((b) => b.key)).not.toContain('rest:gone');

    // A pruned run cannot be replayed: its trigger data is gone, and it says so.
    const replay = await call(rt.url!, 'POST', `/api/runs/${old1.id}/replay`);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('RUN_DATA_PRUNED');

    // The run list and counts still show pruned runs.
    const list = await call(rt.url!, 'GET', '/api/runs?limit=50');
    expect(list.body.runs.map((r: any) => r.id)).toEqual(
      expect.arrayContaining([old1.id, old2.id, recent.id, failed.id]),
    );

    // Nothing left to do: a second pass changes nothing; 0 days keeps everything.
    expect(await job(30, 100).prune()).toEqual({ runs: 0, steps: 0, events: 0 });
    await sql`update runs set finished_at = now() - interval '400 days' where id = ${recent.id}`;
    expect(await job(0).prune()).toEqual({ runs: 0, steps: 0, events: 0 });
    expect((await detail(recent.id)).dataPrunedAt).toBeNull();
    await sql`update runs set finished_at = now() where id = ${recent.id}`;
  });

  it('keeps an event payload while another run of it still needs it', async () => {
    const run = await start('keep/ok');
    // A replay of the same event still queued: its trigger data must stay.
    const [flowVersion] = await sql<{ id: string }[]>`
      select flow_version_id as id from runs where id = ${run.id}`;
    const other = randomUUID();
    await sql`insert into runs (id, flow_id, flow_version_id, event_id, status)
              values (${other}, ${run.flowId}, ${flowVersion!.id}, ${run.eventId}, 'waiting')`;
    await sql`update runs set finished_at = now() - interval '31 days' where id = ${run.id}`;
    expect(await job(30, 100).prune()).toEqual({ runs: 1, steps: 2, events: 0 });
    const d = await detail(run.id);
    expect(d.dataPrunedAt).toEqual(expect.any(String));
    expect(d.trigger).toEqual(run.trigger);
  });

  it('prunes in one process at a time', async () => {
    const holder = await sql.reserve();
    try {
      await holder`begin`;
      await holder`select pg_advisory_xact_lock(${0x7062726e})`;
      expect(await job().prune()).toBeNull();
      await holder`rollback`;
    } finally {
      holder.release();
    }
  });
});
