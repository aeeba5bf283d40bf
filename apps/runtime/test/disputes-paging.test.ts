/**
 * The disputes list (`GET /api/disputes`) one page at a time: every case once, in deadline order
 * (cases without a deadline last), across more cases than a page holds, with the filters kept
 * from page to page, a case added between pages neither repeating nor shifting one, and a cursor
 * the API did not give refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import { admitNotice } from '../src/disputes/case-store';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';
import { processorNotice } from './support/dispute-notice';

let runtime: RuntimeHandle;
let base: string;
let sql: Sql;

/** Cases sharing deadlines and opening days, so every part of the order is needed. */
const CASES: [string, string, string | null][] = [
  ['CB-P1', '2026-03-01', '2026-04-10'],
  ['CB-P2', '2026-03-02', '2026-04-10'],
  ['CB-P3', '2026-03-02', '2026-04-10'],
  ['CB-P4', '2026-03-01', '2026-04-02'],
  ['CB-P5', '2026-03-05', '2026-04-20'],
  ['CB-P6', '2026-03-01', null],
  ['CB-P7', '2026-03-01', null],
  ['CB-P8', '2026-02-20', null],
  ['CB-Q1', '2026-03-01', '2026-04-01'],
  ['CB-Q2', '2026-03-03', null],
];

/** Every page of the list for `query`, `limit` cases at a time. */
async function pages(query: string, limit: number): Promise<{ cases: any[]; total: number }[]> {
  const out: { cases: any[]; total: number }[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await call(base, 'GET', `/api/disputes?limit=${limit}${query}${after}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(res.body);
    cursor = res.body.nextCursor;
    expect(out.length).toBeLessThan(20);
  } while (cursor);
  return out;
}

beforeAll(async () => {
  const url = await freshDatabase();
  runtime = await startTestRuntime(url);
  base = runtime.url!;
  sql = openSql(url, { max: 2 });
  for (const [n, opened, due] of CASES)
    await admitNotice(sql, processorNotice(n, opened, due), randomUUID());
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await runtime?.stop();
});

describe('disputes list paging', () => {
  it('answers every case once, in deadline order, over more cases than a page holds', async () => {
    const whole = (await call(base, 'GET', '/api/disputes')).body;
    expect(whole.nextCursor).toBeNull();
    expect(whole.cases).toHaveLength(CASES.length);
    const order = whole.cases.map((c: any) => c.caseNumber);
    // Soonest deadline first, then opening day (then id); cases without a deadline last.
    expect(order.slice(0, 3)).toEqual(['CB-Q1', 'CB-P4', 'CB-P1']);
    expect(new Set(order.slice(3, 5))).toEqual(new Set(['CB-P2', 'CB-P3']));
    expect(order.slice(5, 7)).toEqual(['CB-P5', 'CB-P8']);
    expect(new Set(order.slice(7))).toEqual(new Set(['CB-P6', 'CB-P7', 'CB-Q2']));

    for (const limit of [1, 2, 3, 4]) {
      const all = await pages('', limit);
      expect(all.map((p) => p.cases.length)).toEqual(
        Array.from({ length: Math.ceil(CASES.length / limit) }, (_, i) =>
          Math.min(limit, CASES.length - i * limit),
        ),
      );
      expect(all.flatMap((p) => p.cases.map((c) => c.caseNumber))).toEqual(order);
      expect(all.every((p) => p.total === CASES.length)).toBe(true);
    }
  });

  it('keeps the filters from page to page', async () => {
    const found = await pages('&q=CB-P', 3);
    const numbers = found.flatMap((p) => p.cases.map((c) => c.caseNumber));
    expect(numbers).toHaveLength(8);
    expect(numbers.every((n) => n.startsWith('CB-P'))).toBe(true);
    expect(found[0]!.total).toBe(8);
  });

  it('neither repeats nor skips a case when one is added between pages', async () => {
    const first = (await call(base, 'GET', '/api/disputes?limit=4')).body;
    await admitNotice(sql, processorNotice('CB-EARLY', '2026-03-01', '2026-03-20'), randomUUID());
    let cursor: string | null = first.nextCursor;
    const rest: string[] = [];
    while (cursor) {
      const page: any = (
        await call(base, 'GET', `/api/disputes?limit=4&cursor=${encodeURIComponent(cursor)}`)
      ).body;
      rest.push(...page.cases.map((c: any) => c.caseNumber));
      cursor = page.nextCursor;
    }
    const seen = [...first.cases.map((c: any) => c.caseNumber), ...rest];
    expect(seen).toHaveLength(CASES.length);
    expect(new Set(seen).size).toBe(CASES.length);
    expect(seen).not.toContain('CB-EARLY');
  });

  it('refuses a cursor it did not give out, saying so', async () => {
    for (const cursor of [
      'nonsense',
      Buffer.from('["2026-99-99","x","y"]').toString('base64url'),
    ]) {
      const res = await call(base, 'GET', `/api/disputes?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/cursor/);
    }
  });
});
