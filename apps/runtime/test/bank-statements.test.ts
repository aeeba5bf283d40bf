import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaytraceSimulator, type DayManifest } from '@paybridge/sandbox';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let paytrace: Awaited<ReturnType<typeof startPaytraceSimulator>>;
let day: DayManifest;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  base = rt.url!;
  sql = openSql(url, { max: 1 });
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  const answer = await fetch(`${paytrace.url}/__admin/generate-day`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      date: '2026-03-10',
      orders: 300,
      refundRate: 0.05,
      batches: 6,
      seed: 11,
      discrepancies: { shortDeposit: 1, missingDeposit: 1 },
    }),
  });
  day = (await answer.json()) as DayManifest;
});
afterAll(async () => {
  await sql?.end();
  await paytrace?.close();
  await rt?.stop();
});

const statement = (format: string, from = '2026-03-11', to = '2026-03-11') =>
  fetch(`${paytrace.url}/__admin/bank-statement?from=${from}&to=${to}&format=${format}`).then((r) =>
    r.text(),
  );
const upload = (body: unknown, headers?: Record<string, string>) =>
  call(base, 'POST', '/api/reconciliation/statements', body, headers);

describe('bank statement upload', () => {
  it('stores the deposits of a statement in minor units, and the same deposits in another format add nothing', async () => {
    const deposits = day.deposits.filter((d) => d.bookedOn === '2026-03-11' && d.amount !== null);
    const csv = await upload({
      format: 'csv',
      text: await statement('csv'),
      filename: 'march.csv',
    });
    expect(csv.status, JSON.stringify(csv.body)).toBe(201);
    expect(csv.body).toMatchObject({ imported: deposits.length, duplicates: 0, errors: [] });
    const rows = await sql<{ booked_on: string; amount: string; reference: string }[]>`
      select booked_on::text, amount::text, reference from reconciliation_bank_lines order by reference`;
    expect(rows.map((r) => [r.booked_on, Number(r.amount), r.reference]).sort()).toEqual(
      deposits.map((d) => ['2026-03-11', d.amount, `PT-BATCH-${d.batchNumber}`]).sort(),
    );

    for (const format of ['ofx', 'camt053']) {
      const again = await upload({ format, text: await statement(format) });
      expect(again.status).toBe(201);
      expect(again.body).toEqual({
        statementId: null,
        imported: 0,
        duplicates: deposits.length,
        errors: [],
      });
    }
    const wider = await upload({
      format: 'camt053',
      text: await statement('camt053', '2026-03-10', '2026-03-12'),
    });
    expect(wider.body.imported).toBe(
      day.deposits.filter((d) => d.amount !== null && d.bookedOn !== '2026-03-11').length,
    );
    const listed = await call(base, 'GET', '/api/reconciliation/statements');
    expect(
      listed.body.statements.map((s: { format: string; filename: string | null }) => [
        s.format,
        s.filename,
      ]),
    ).toEqual(
      wider.body.imported > 0
        ? [
            ['camt053', null],
            ['csv', 'march.csv'],
          ]
        : [['csv', 'march.csv']],
    );
  });

  it('refuses a file with unreadable lines, naming each, and stores nothing of it', async () => {
    const before = await sql`select count(*)::int as n from reconciliation_bank_lines`;
    const bad = await upload({
      format: 'csv',
      text: 'Date,Description,Amount\n03/12/2026,OK,10.00\n03/32/2026,BAD DATE,1.00\n03/12/2026,BAD AMOUNT,1,2,3\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { line: 3, message: 'date "03/32/2026" is not a date (expected YYYY-MM-DD or MM/DD/YYYY)' },
    ]);
    expect(bad.body.error.code).toBe('STATEMENT_INVALID');
    const empty = await upload({ format: 'ofx', text: 'not a statement' });
    expect(empty.body.errors).toEqual([
      { line: 1, message: 'no <OFX> element: this is not an OFX file' },
    ]);
    const columns = await upload({ format: 'csv', text: 'a', columns: { dateOrder: 'YMD' } });
    expect(columns.status).toBe(400);
    const after = await sql`select count(*)::int as n from reconciliation_bank_lines`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('needs the operator role to import', async () => {
    const token = await call(base, 'POST', '/api/tokens', { name: 'viewer', role: 'viewer' });
    const denied = await upload(
      { format: 'csv', text: 'x' },
      { authorization: `Bearer ${token.body.token}` },
    );
    expect(denied.status).toBe(403);
  });
});
