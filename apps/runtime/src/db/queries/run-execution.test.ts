import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '@paybridge/engine';
import { freshDatabase } from '../../../test/support';
import { IngestWriter } from '../../ingest/ingest-writer';
import { createLogger } from '../../logger';
import { createDb, type Sql } from '../client';
import { migrateDatabase } from '../migrate';
import { acquireRun, LeaseLostError, loadRun, writeCheckpoint } from './run-execution';

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
