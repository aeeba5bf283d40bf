import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { effectReference } from '@paybridge/engine';
import { freshDatabase } from '../../../test/support';
import { IngestWriter } from '../../ingest/ingest-writer';
import { createLogger } from '../../logger';
import { createDb, type Sql } from '../client';
import { migrateDatabase } from '../migrate';
import { createEffectStore } from './effect-records';

const one = { item: '' };
let sql: Sql;
let writer: IngestWriter;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 6);
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

async function newEvent(): Promise<{ eventId: string; runId: string }> {
  const r = await writer.write({ source: 'manual', payload: {}, runs: [{ flowId, versionId }] });
  if (r.kind !== 'created') throw new Error('not created');
  const runId = r.runIds[0]!;
  const [row] = await sql<
    { event_id: string }[]
  >`select event_id::text from runs where id = ${runId}`;
  return { eventId: row!.event_id, runId };
}

describe('effect records in Postgres', () => {
  it('claims once, then reports unknown, and shows the settled outcome to a replay of the event', async () => {
    const { eventId, runId } = await newEvent();
    const store = createEffectStore(sql, { flowId, eventId, runId });
    const first = await store.claim('sale', one, 'fp1', {});
    expect(first).toMatchObject({ state: 'new', attempt: 1, fingerprint: 'fp1', outcome: null });
    expect(first.reference).toMatch(/^PB[A-Z0-9]{16}$/);
    expect(Date.now() - first.startedAt.getTime()).toBeLessThan(60_000);

    const again = await store.claim('sale', one, 'fp1', {});
    expect(again).toMatchObject({ state: 'unknown', attempt: 1, reference: first.reference });

    await store.noteRemoteId('sale', one, 1, '125391271');
    await store.settle('sale', one, 1, { approved: true, amount: { minor: 1999 } }, null);

    const replayRun = randomUUID();
    const replay = await createEffectStore(sql, { flowId, eventId, runId: replayRun }).claim(
      'sale',
      one,
      'fp1',
      {},
    );
    expect(replay).toMatchObject({
      state: 'settled',
      outcome: { approved: true, amount: { minor: 1999 } },
      remoteId: '125391271',
      settledByRun: runId,
    });
  });

  it('opens the next attempt after a release, with the new fingerprint, and ignores stale calls', async () => {
    const { eventId, runId } = await newEvent();
    const store = createEffectStore(sql, { flowId, eventId, runId });
    await store.claim('sale', one, 'fp1', {});
    await store.release('sale', one, 1);
    const second = await store.claim('sale', one, 'fp2', {});
    expect(second).toMatchObject({ state: 'new', attempt: 2, fingerprint: 'fp2' });
    await store.settle('sale', one, 1, { stale: true }, '1');
    await store.release('sale', one, 1);
    expect(await store.claim('sale', one, 'fp2', {})).toMatchObject({
      state: 'unknown',
      attempt: 2,
    });
  });

  it('keeps items, nodes and events apart', async () => {
    const a = await newEvent();
    const b = await newEvent();
    const storeA = createEffectStore(sql, { flowId, eventId: a.eventId, runId: a.runId });
    const storeB = createEffectStore(sql, { flowId, eventId: b.eventId, runId: b.runId });
    const claims = await Promise.all([
      storeA.claim('sale', one, 'x', {}),
      storeA.claim('sale', { item: '1' }, 'x', {}),
      storeA.claim('refund', one, 'x', {}),
      storeB.claim('sale', one, 'x', {}),
    ]);
    expect(claims.map((c) => c.state)).toEqual(['new', 'new', 'new', 'new']);
    expect(new Set(claims.map((c) => c.reference)).size).toBe(4);
  });

  it('gives exactly one of many concurrent first claims the new attempt', async () => {
    const { eventId } = await newEvent();
    const claims = await Promise.all(
      Array.from({ length: 6 }, () =>
        createEffectStore(sql, { flowId, eventId, runId: randomUUID() }).claim(
          'sale',
          one,
          'fp',
          {},
        ),
      ),
    );
    expect(claims.filter((c) => c.state === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'unknown')).toHaveLength(5);
  });

  it('shares a business-keyed record across events and flows, and lists records by target', async () => {
    const a = await newEvent();
    const b = await newEvent();
    const ref = { item: '', business: `paytrace:conn:order:${randomUUID()}:refund:1` };
    const storeA = createEffectStore(sql, { flowId, eventId: a.eventId, runId: a.runId });
    const storeB = createEffectStore(sql, { flowId, eventId: b.eventId, runId: b.runId });
    const target = randomUUID();
    const first = await storeA.claim('refund', ref, 'fp', {
      target,
      operation: 'refund',
      amountMinor: 1000,
    });
    await storeA.settle('refund', ref, 1, { status: 'approved' }, '77');
    const second = await storeB.claim('other-node', ref, 'fp', {});
    expect(second).toMatchObject({
      state: 'settled',
      reference: first.reference,
      remoteId: '77',
      settledByRun: a.runId,
    });
    expect(await storeB.related(target)).toEqual([
      {
        key: `biz:${ref.business}`,
        status: 'settled',
        operation: 'refund',
        amountMinor: 1000,
        outcome: { status: 'approved' },
      },
    ]);
  });

  it('keeps records whose flow was deleted: a re-created flow finds them', async () => {
    const { eventId, runId } = await newEvent();
    const [gone] = await sql<{ id: string }[]>`insert into flows (name) values ('g') returning id`;
    const ref = { item: '', business: `paytrace:conn:order:${randomUUID()}:sale` };
    await createEffectStore(sql, { flowId: gone!.id, eventId, runId }).claim('sale', ref, 'fp', {});
    await sql`delete from flows where id = ${gone!.id}`;
    const again = await createEffectStore(sql, { flowId, eventId, runId }).claim(
      'sale',
      ref,
      'fp',
      {},
    );
    expect(again.state).toBe('unknown');
  });

  it('keeps records written before business keys usable after migration 0007', async () => {
    // A database at migration 0006 holding a pending sale keyed the old way.
    const { sql: old } = createDb(await freshDatabase(), 2);
    try {
      const journal = JSON.parse(
        readFileSync(
          new URL('../../../../../migrations/meta/_journal.json', import.meta.url),
          'utf8',
        ),
      ) as { entries: { idx: number; tag: string }[] };
      const apply = async (tag: string) => {
        const file = new URL(`../../../../../migrations/${tag}.sql`, import.meta.url);
        for (const statement of readFileSync(file, 'utf8').split('--> statement-breakpoint')) {
          if (statement.trim() !== '') await old.unsafe(statement);
        }
      };
      for (const entry of journal.entries.filter((e) => e.idx < 7)) await apply(entry.tag);
      const [flow] = await old<
        { id: string }[]
      >`insert into flows (name) values ('f') returning id`;
      const [event] = await old<{ id: string }[]>`
        insert into events (source, external_id, payload)
        values ('manual', 'm-1', '{}') returning id`;
      const runId = randomUUID();
      const reference = effectReference(flow!.id, event!.id, 'sale', '');
      await old`insert into effect_records
        (flow_id, event_id, node_id, item, reference, fingerprint, status, run_id)
        values (${flow!.id}, ${event!.id}, 'sale', '', ${reference}, 'fp', 'pending', ${runId})`;

      await apply(journal.entries.find((e) => e.idx === 7)!.tag);
      const store = createEffectStore(old, { flowId: flow!.id, eventId: event!.id, runId });
      // The in-flight attempt is found as unknown, under the invoice reference it was sent with.
      expect(await store.claim('sale', one, 'fp', {})).toMatchObject({
        state: 'unknown',
        attempt: 1,
        reference,
      });
    } finally {
      await old.end();
    }
  });
});
