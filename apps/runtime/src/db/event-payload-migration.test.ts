import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support';
import { createLogger } from '../logger';
import { createDb, type Sql } from './client';
import { migrateDatabase, MIGRATIONS_DIR } from './migrate';

let sql: Sql;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 2);
  sql = s;
  await migrateDatabase(db, sql, url, createLogger('warn'));
});
afterAll(async () => {
  await sql?.end();
});

describe('migration 0011: event payloads as json', () => {
  it('converts existing jsonb payloads value for value, then keeps new ones as written', async () => {
    // Back to the column as it was before the migration, with rows written then.
    await sql`alter table events alter column payload type jsonb using payload::jsonb`;
    const before = [
      { body: { id: '820982911946154508', total: 12.5, tags: ['a', 'b'] } },
      { body: 'plain text' },
      { body: null, headers: { 'x-a': '1' } },
    ];
    for (const [i, p] of before.entries()) {
      await sql`insert into events (source, external_id, payload)
                values ('test', ${`old-${i}`}, ${JSON.stringify(p)}::jsonb)`;
    }
    const text = await readFile(
      join(MIGRATIONS_DIR, '0011_event_payload_json_ledger_paging.sql'),
      'utf8',
    );
    for (const statement of text.split('--> statement-breakpoint')) {
      if (statement.includes('"events"')) await sql.unsafe(statement);
    }

    const [{ type } = { type: '' }] = await sql<{ type: string }[]>`
      select data_type as type from information_schema.columns
      where table_name = 'events' and column_name = 'payload'`;
    expect(type).toBe('json');
    const rows = await sql<{ payload: unknown }[]>`
      select payload from events where source = 'test' order by external_id`;
    expect(rows.map((r) => r.payload)).toEqual(before);

    const sent = '{"zeta":1,"alpha":{"b":2,"a":1}}';
    await sql`insert into events (source, external_id, payload) values ('test', 'new', ${sent}::json)`;
    const [row] = await sql<{ payload: string }[]>`
      select payload::text as payload from events where external_id = 'new'`;
    expect(row!.payload).toBe(sent);
  });
});
