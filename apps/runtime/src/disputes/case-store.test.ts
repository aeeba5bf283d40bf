import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeNotice } from '@paybridge/nodes/definitions';
import { freshDatabase } from '../../test/support';
import { createLogger } from '../logger';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { admitNotice, caseTimeline, listCases } from './case-store';

let sql: Sql;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 6);
  sql = s;
  await migrateDatabase(db, sql, url, createLogger('warn'));
});
afterAll(async () => {
  await sql?.end();
});

const notice = (over: Partial<DisputeNotice> = {}): DisputeNotice => ({
  channel: 'processor-notice',
  processor: 'paytrace',
  caseNumber: 'CB-1',
  kind: 'chargeback',
  status: 'open',
  amount: 6887,
  currency: 'USD',
  reasonCode: '10.4',
  reason: null,
  orderRef: null,
  invoice: null,
  transactionId: '1001',
  cardLast4: '5439',
  openedOn: '2026-11-02',
  evidenceDueBy: null,
  ...over,
});

describe('dispute case store', () => {
  it('keeps one case per case number: two channels at once get one open between them', async () => {
    const answers = await Promise.all([
      admitNotice(sql, notice(), randomUUID()),
      admitNotice(sql, notice({ channel: 'report', evidenceDueBy: '2026-11-20' }), randomUUID()),
    ]);
    expect(answers.map((a) => a.action).sort()).toEqual(['none', 'open']);
    const { cases, total } = await listCases(sql, { q: 'CB-1', limit: 10 });
    expect(total).toBe(1);
    expect(cases[0]).toMatchObject({
      channels: expect.arrayContaining(['processor-notice', 'report']),
      evidenceDueBy: '2026-11-20',
      erpRef: 'paytrace-chargeback-CB-1',
    });
    expect((await caseTimeline(sql, cases[0]!.id)).map((t) => t.kind)).toEqual([
      'intake',
      'intake',
    ]);
  });

  it('answers a repeated step of the same run as it answered first', async () => {
    const run = randomUUID();
    const first = await admitNotice(sql, notice({ caseNumber: 'CB-2' }), run);
    const again = await admitNotice(sql, notice({ caseNumber: 'CB-2' }), run);
    expect([first.action, again.action]).toEqual(['open', 'open']);
    expect((await admitNotice(sql, notice({ caseNumber: 'CB-2' }), randomUUID())).action).toBe(
      'none',
    );
  });

  it('moves a case on to won, and never from a final status', async () => {
    const won = await admitNotice(sql, notice({ status: 'won' }), randomUUID());
    expect([won.action, won.previousStatus, won.case.status]).toEqual(['update', 'open', 'won']);
    const late = await admitNotice(
      sql,
      notice({ status: 'lost', channel: 'report' }),
      randomUUID(),
    );
    expect([late.action, late.case.status]).toEqual(['none', 'won']);
  });
});
