import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '@paybridge/engine';
import { freshDatabase } from '../../../test/support';
import { IngestWriter } from '../../ingest/ingest-writer';
import { createLogger } from '../../logger';
import { createDb, type Sql } from '../client';
import { migrateDatabase } from '../migrate';
import { StepValueEncoder } from '../../runs/step-values';
import {
  acquireRun,
  CheckpointWriter,
  LeaseLostError,
  loadRun,
  writeCheckpoint,
} from './run-execution';

let sql: Sql;
let writer: IngestWriter;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 4);
  sql = s;
  await migrateDatabase(db, sql, url, createLogger('warn'));
  const [flow] = await sql<{ id: string }[]>`insert into flows (name) values ('f') returning id`;
  flowId = flow!.id;
  const [v] = await sql<{ id: string }[]>`
    insert into flow_versions (flow_id, version, graph, trigger_type)
    values (${flowId}, 1, '{"nodes":[],"edges":[]}', 'trigger.manual') returning id`;
  versionId = v!.id;
  writer = new IngestWriter(sql);
});
afterAll(async () => {
  await sql?.end();
});

async function newRun(): Promise<string> {
  const r = await writer.write({ source: 'manual', payload: {}, runs: [{ flowId, versionId }] });
  if (r.kind !== 'created') throw new Error('not created');
  return r.runIds[0]!;
}

const step = (runId: string): StepRecord => ({
  runId,
  nodeId: 'trigger',
  nodeType: 'trigger.manual',
  seq: 0,
  attempt: 1,
  status: 'succeeded',
  port: 'out',
  input: null,
  output: {},
  error: null,
  startedAt: new Date(),
  finishedAt: new Date(),
  resumeAt: null,
  state: null,
});

describe('lazy run claiming', () => {
  it('lets only the first of two concurrent unclaimed executions record its outcome', async () => {
    const runId = await newRun();
    const a = await loadRun(sql, runId, 'proc-a', 30);
    const b = await loadRun(sql, runId, 'proc-b', 30);
    expect(a?.executions).toBe(0);
    const done = { status: 'succeeded', response: null } as const;
    await writeCheckpoint(sql, runId, 'proc-a', [step(runId)], done, a!.executions);
    await expect(
      writeCheckpoint(sql, runId, 'proc-b', [step(runId)], done, b!.executions),
    ).rejects.toBeInstanceOf(LeaseLostError);
    const [row] = await sql<{ status: string; executions: number; n: number }[]>`
      select status, executions, (select count(*)::int from run_steps where run_id = ${runId}) as n
      from runs where id = ${runId}`;
    expect(row).toEqual({ status: 'succeeded', executions: 1, n: 1 });
    expect(await loadRun(sql, runId, 'proc-c', 30)).toBeNull();
  });

  it('lets only one execution take a run before an effect', async () => {
    const runId = await newRun();
    const a = await loadRun(sql, runId, 'proc-a', 30);
    const b = await loadRun(sql, runId, 'proc-b', 30);
    await acquireRun(sql, runId, 'proc-a', a!.executions);
    await expect(acquireRun(sql, runId, 'proc-b', b!.executions)).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    // A live holder keeps the run from other workers (proc-a has a fresh heartbeat).
    await sql`insert into worker_heartbeats (process_id, hostname, pid) values ('proc-a', 'h', '1')`;
    expect(await loadRun(sql, runId, 'proc-b', 30)).toBeNull();
    expect((await loadRun(sql, runId, 'proc-a', 30))?.executions).toBe(1);
  });
});

describe('runs that end, committed together', () => {
  it('writes each run of a batch under its own lease: a run taken over fails alone', async () => {
    const writer2 = new CheckpointWriter(sql);
    const runs = await Promise.all([newRun(), newRun(), newRun(), newRun()]);
    const loaded = await Promise.all(runs.map((id) => loadRun(sql, id, 'proc-a', 30)));
    // Another execution took the third run meanwhile.
    await acquireRun(sql, runs[2]!, 'proc-b', loaded[2]!.executions);
    const failed = {
      status: 'failed',
      nodeId: 'trigger',
      error: { code: 'BOOM', message: 'it broke', errorClass: 'permanent' },
    } as const;
    const outcomes = [
      { status: 'succeeded', response: { status: 200, headers: {}, body: { ok: 1 } } } as const,
      failed,
      { status: 'succeeded', response: null } as const,
      { status: 'declined', nodeId: 'trigger', error: failed.error, response: null } as const,
    ];
    const written = await Promise.allSettled(
      runs.map((id, i) =>
        writer2.write(
          id,
          'proc-a',
          [step(id)],
          outcomes[i]!,
          loaded[i]!.executions,
          new Date(),
          new StepValueEncoder(null),
        ),
      ),
    );
    expect(written.map((w) => w.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((written[2] as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLostError);
    const rows = await sql<
      { id: string; status: string; response: unknown; steps: number; dead: number }[]
    >`
      select r.id::text, r.status, r.response,
             (select count(*)::int from run_steps s where s.run_id = r.id) as steps,
             (select count(*)::int from dead_letters d where d.run_id = r.id) as dead
        from runs r where r.id = any(${runs}::uuid[])`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(runs[0]!)).toMatchObject({ status: 'succeeded', steps: 1, dead: 0 });
    expect(byId.get(runs[0]!)!.response).toMatchObject({ status: 200, body: { ok: 1 } });
    expect(byId.get(runs[1]!)).toMatchObject({ status: 'failed', steps: 1, dead: 1 });
    expect(byId.get(runs[2]!)).toMatchObject({ status: 'running', steps: 0, dead: 0 });
    expect(byId.get(runs[3]!)).toMatchObject({ status: 'declined', steps: 1, dead: 0 });
  });
});
