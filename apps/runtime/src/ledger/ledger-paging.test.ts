import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAPIHono } from '@hono/zod-openapi';
import { freshDatabase } from '../../test/support';
import { AuditLog } from '../audit/audit-log';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createErrorHandler } from '../http/api-error';
import type { ApiEnv } from '../http/api-router';
import { createLogger } from '../logger';
import { createBuiltInLedger } from './built-in-ledger';
import { ledgerRoutes } from './ledger-routes';

let sql: Sql;
let app: OpenAPIHono<ApiEnv>;
const INVOICES = 1200;

beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 4);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
  app = new OpenAPIHono<ApiEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', { type: 'token', id: 't', label: 'test', role: 'viewer' });
    await next();
  });
  app.route('/api/ledger', ledgerRoutes({ sql, audit: new AuditLog(sql) }));
  app.onError(createErrorHandler(createLogger('silent')));
  const ledger = createBuiltInLedger(sql);
  await ledger.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
  // A few posted one by one (distinct creation times), then 1,200 in one transaction: they
  // share one creation time, so only the id can order them.
  for (const ref of ['first-1', 'first-2', 'first-3']) {
    await ledger.createInvoice({
      externalRef: ref,
      customerRef: 'c1',
      currency: 'USD',
      date: '2025-06-01',
      lines: [{ description: 'Tea', quantity: 1, unitAmount: 450 }],
    });
  }
  await sql`
    insert into ledger.invoices (external_ref, fingerprint, customer_id, currency, txn_date,
      subtotal, tax, shipping, discount, total, open_balance)
    select 'bulk-' || n, 'f', (select id from ledger.customers where external_ref = 'c1'), 'USD',
      '2025-06-02', 0, 0, 0, 0, 0, 0
    from generate_series(1, ${INVOICES - 3}) n`;
});
afterAll(async () => {
  await sql?.end();
});

async function get(path: string) {
  const res = await app.request(`/api${path}`);
  return { status: res.status, body: (await res.json()) as any };
}

/** Follows nextCursor from the first page to the last; every row's externalRef in order. */
async function readAll(path: string, key: string, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const q: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await get(q);
    expect(status, JSON.stringify(body)).toBe(200);
    seen.push(...body[key].map((r: any) => r.externalRef ?? r.code ?? String(r.number)));
    cursor = body.nextCursor ?? null;
    pages++;
  } while (cursor !== null && pages < 1000);
  return { seen, pages };
}

describe('ledger lists page with a cursor', () => {
  it('reads 1,200 invoices page by page with no gap and no duplicate', async () => {
    const { seen, pages } = await readAll('/ledger/invoices', 'invoices', 500);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(INVOICES);
    expect(new Set(seen).size).toBe(INVOICES);
    // Newest first: the bulk transaction came last, the one-by-one invoices are the oldest.
    expect(seen.slice(-3)).toEqual(['first-3', 'first-2', 'first-1']);
    const small = await readAll('/ledger/invoices?status=all', 'invoices', 37);
    expect(small.seen).toEqual(seen);
  });

  it('answers nextCursor null on the last page and keeps filters across pages', async () => {
    const open = await get('/ledger/invoices?status=open&limit=2');
    expect(open.body.invoices.map((i: any) => i.externalRef)).toEqual(['first-3', 'first-2']);
    const next = await get(
      `/ledger/invoices?status=open&limit=2&cursor=${encodeURIComponent(open.body.nextCursor)}`,
    );
    expect(next.body).toMatchObject({ invoices: [{ externalRef: 'first-1' }], nextCursor: null });
  });

  it('pages the chart of accounts and journal entries the same way', async () => {
    const all = (await get('/ledger/accounts')).body;
    expect(all.nextCursor).toBeNull();
    const accounts = await readAll('/ledger/accounts', 'accounts', 5);
    expect(accounts.seen).toEqual(all.accounts.map((a: any) => a.code));
    const entries = await readAll('/ledger/journal-entries', 'entries', 2);
    expect(entries.seen).toHaveLength(3);
    expect(new Set(entries.seen).size).toBe(3);
  });

  it('refuses a cursor it did not issue with a clear 400', async () => {
    const res = await get('/ledger/invoices?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_CURSOR' });
    const fromAccounts = (await get('/ledger/accounts?limit=1')).body.nextCursor;
    const mixed = await get(`/ledger/payments?cursor=${encodeURIComponent(fromAccounts)}`);
    expect(mixed.status).toBe(400);
  });
});
