import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { freshDatabase } from '../../test/support';
import { AuditLog } from '../audit/audit-log';
import type { Role } from '../auth/roles';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createErrorHandler } from '../http/api-error';
import type { ApiEnv } from '../http/api-router';
import { createLogger } from '../logger';
import { createBuiltInLedger } from './built-in-ledger';
import { ledgerRoutes } from './ledger-routes';
import { LedgerEntryResponse, PostedJournalResponse } from './ledger-response-schemas';

let sql: Sql;
let app: OpenAPIHono<ApiEnv>;
let routes: ReturnType<typeof ledgerRoutes>;
let role: Role = 'viewer';

beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 4);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
  app = new OpenAPIHono<ApiEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', { type: 'token', id: 't', label: 'test', role });
    await next();
  });
  routes = ledgerRoutes({ sql, audit: new AuditLog(sql) });
  app.route('/api/ledger', routes);
  app.onError(createErrorHandler(createLogger('silent')));
  const ledger = createBuiltInLedger(sql);
  await ledger.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
  await ledger.createInvoice({
    externalRef: '5001',
    customerRef: 'c1',
    currency: 'USD',
    date: '2025-06-01',
    dueDate: '2025-06-10',
    lines: [{ description: 'Tea', quantity: 3, unitAmount: 450 }],
    tax: 108,
  });
  await ledger.recordPayment({
    externalRef: 'pt-1',
    invoiceRef: '5001',
    currency: 'USD',
    amount: 1000,
    date: '2025-06-02',
  });
});
afterAll(async () => {
  await sql?.end();
});

async function get(path: string) {
  const res = await app.request(`/api${path}`);
  return { status: res.status, body: (await res.json()) as any };
}

describe('ledger API', () => {
  it('lists the chart, invoices and payments with amounts as integers', async () => {
    expect((await get('/ledger/accounts')).body.accounts).toHaveLength(12);
    const { body } = await get('/ledger/invoices?status=open');
    expect(body.invoices).toEqual([
      expect.objectContaining({ externalRef: '5001', total: 1458, openBalance: 458 }),
    ]);
    const detail = await get(`/ledger/invoices/${body.invoices[0].id}`);
    expect(detail.body.payments).toEqual([expect.objectContaining({ amount: 1000 })]);
    expect((await get('/ledger/payments')).body.payments[0]).toMatchObject({ invoiceRef: '5001' });
  });

  it('looks documents up by reference and answers 404 for unknown ones', async () => {
    expect((await get('/ledger/documents/payment/pt-1')).body.document).toMatchObject({
      amount: 1000,
    });
    expect((await get('/ledger/documents/invoice/nope')).status).toBe(404);
  });

  it('reports trial balance, account activity and open invoices', async () => {
    const tb = (await get('/ledger/reports/trial-balance?from=2025-06-01&to=2025-06-30')).body;
    expect(tb.totals).toEqual([{ currency: 'USD', debit: 2458, credit: 2458, balanced: true }]);
    const ar = (await get('/ledger/reports/account-activity?account=accounts-receivable')).body;
    expect(ar.lines.map((l: any) => l.balance)).toEqual([1458, 458]);
    const open = (await get('/ledger/reports/open-invoices?asOf=2025-06-15')).body;
    expect(open.invoices[0]).toMatchObject({ openBalance: 458, daysOverdue: 5 });
    expect((await get('/ledger/reports/account-activity?account=9999')).status).toBe(404);
  });

  it('posts manual journals for editors, refusing unbalanced ones with 422', async () => {
    const post = (body: unknown) =>
      app.request('/api/ledger/journal-entries', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const journal = {
      externalRef: 'adj-1',
      currency: 'USD',
      date: '2025-06-05',
      memo: 'Owner contribution',
      lines: [
        { account: 'cash', debit: 5000 },
        { account: 'owner-equity', credit: 5000 },
      ],
    };
    expect((await post(journal)).status).toBe(403);
    role = 'editor';
    const first = await post(journal);
    expect(first.status).toBe(200);
    const created = await first.json();
    expect(created).toMatchObject({ created: true, entry: { total: 5000 } });
    expect(PostedJournalResponse.parse(created)).toEqual(created);
    expect(await (await post(journal)).json()).toMatchObject({ created: false });
    const bad = await post({ ...journal, externalRef: 'adj-2', lines: [journal.lines[0]] });
    expect(bad.status).toBe(422);
    role = 'viewer';
  });

  it('reverses an entry for editors only, once', async () => {
    const { entries } = (await get('/ledger/journal-entries')).body;
    const payment = entries.find((e: any) => e.source === 'payment');
    const reverse = () =>
      app.request(`/api/ledger/journal-entries/${payment.id}/reverse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ date: '2025-06-03' }),
      });
    expect((await reverse()).status).toBe(403);
    role = 'editor';
    const res = await reverse();
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.entry).toMatchObject({ source: 'reversal', reversesId: payment.id, total: 1000 });
    expect(LedgerEntryResponse.parse(body)).toEqual(body);
    expect((await reverse()).status).toBe(409);
  });

  it('answers every read in exactly the shape its route declares', async () => {
    const invoice = (await get('/ledger/invoices')).body.invoices[0];
    const entry = (await get('/ledger/journal-entries')).body.entries[0];
    const requests: Record<string, string> = {
      '/ledger/accounts': '/ledger/accounts',
      '/ledger/customers': '/ledger/customers',
      '/ledger/invoices': '/ledger/invoices',
      '/ledger/invoices/{id}': `/ledger/invoices/${invoice.id}`,
      '/ledger/payments': '/ledger/payments',
      '/ledger/credit-memos': '/ledger/credit-memos',
      '/ledger/disputes': '/ledger/disputes',
      '/ledger/journal-entries': '/ledger/journal-entries',
      '/ledger/journal-entries/{id}': `/ledger/journal-entries/${entry.id}`,
      '/ledger/documents/{type}/{ref}': '/ledger/documents/invoice/5001',
      '/ledger/reports/trial-balance': '/ledger/reports/trial-balance',
      '/ledger/reports/account-activity': '/ledger/reports/account-activity?account=cash',
      '/ledger/reports/open-invoices': '/ledger/reports/open-invoices?asOf=2025-06-15',
    };
    const reads = routes.openAPIRegistry.definitions.flatMap((d) =>
      d.type === 'route' && d.route.method === 'get' ? [d.route] : [],
    );
    // The router is mounted at /ledger; its own paths are relative to that.
    const full = (path: string) => `/ledger${path}`;
    expect(reads.map((r) => full(r.path)).sort()).toEqual(Object.keys(requests).sort());
    for (const route of reads) {
      const { status, body } = await get(requests[full(route.path)]!);
      expect(status, route.path).toBe(200);
      const ok = route.responses[200] as { content: Record<string, { schema: z.ZodType }> };
      const schema = ok.content['application/json']!.schema;
      // Parsing drops undeclared keys, so equality also proves nothing is answered undeclared.
      expect(schema.parse(body), route.path).toEqual(body);
    }
  });
});
