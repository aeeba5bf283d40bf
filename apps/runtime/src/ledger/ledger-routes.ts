/**
 * `/api/ledger/...`: read the built-in ledger (viewer), reverse a journal entry (editor). The
 * ledger is written by flows through the ERP nodes; the API only browses it and corrects it the
 * one way an immutable book allows, by reversal.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { DocumentType, ErpError, type JournalInput } from '@paybridge/nodes/erp';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { apiRoute } from '../http/api-route';
import { apiRouter } from '../http/api-router';
import { jsonBody, jsonResponse } from '../http/openapi-helpers';
import { errorResponses, IdParam } from '../http/schemas';
import { createBuiltInLedger } from './built-in-ledger';
import { findInvoice } from './invoices';
import { findEntry, reverseEntry } from './journals';
import { asApi } from './ledger-api-errors';
import { accountActivity, openInvoices, trialBalance } from './reports';

const Day = z.iso.date();
const Range = z.object({ from: Day.optional(), to: Day.optional() });
const Limit = z.coerce.number().int().min(1).max(500).default(100);
const Body = z.record(z.string(), z.unknown());
const ok = (description: string) => ({ 200: jsonResponse(Body, description), ...errorResponses });
const today = () => new Date().toISOString().slice(0, 10);

/** Money columns come back from Postgres as strings; the API answers safe integers. */
function numbers<T extends Record<string, unknown>>(row: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const key of keys)
    if (out[key] !== null && out[key] !== undefined) out[key] = Number(out[key]);
  return out as T;
}

/** The ledger's routes; mount under `/api`. */
export function ledgerRoutes(deps: Pick<AppDeps, 'sql' | 'audit'>) {
  const ledger = createBuiltInLedger(deps.sql);
  const sql = deps.sql;
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/accounts',
        summary: 'Chart of accounts',
        responses: ok('Accounts'),
      }),
      async (c) => {
        await ledger.ready();
        const accounts =
          await sql`select code, role, name, type from ledger.accounts order by code`;
        return c.json({ accounts: [...accounts] }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/customers',
        summary: 'Customers, newest first',
        request: { query: z.object({ limit: Limit }) },
        responses: ok('Customers'),
      }),
      async (c) => {
        const { limit } = c.req.valid('query');
        const rows = await sql`
          select id, external_ref as "externalRef", name, email,
            shopify_customer_id as "shopifyCustomerId", paytrace_customer_id as "paytraceCustomerId",
            created_at as "createdAt"
          from ledger.customers order by created_at desc limit ${limit}`;
        return c.json({ customers: [...rows] }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/invoices',
        summary: 'Invoices, newest first (`status=open` for those still owed)',
        request: {
          query: z.object({ status: z.enum(['open', 'paid', 'all']).default('all'), limit: Limit }),
        },
        responses: ok('Invoices'),
      }),
      async (c) => {
        const { status, limit } = c.req.valid('query');
        const rows = await sql`
          select i.id, i.external_ref as "externalRef", c.external_ref as "customerRef",
            i.currency, i.txn_date::text as date, i.due_date::text as "dueDate", i.total,
            i.open_balance as "openBalance"
          from ledger.invoices i join ledger.customers c on c.id = i.customer_id
          where ${status === 'open' ? sql`i.open_balance > 0` : status === 'paid' ? sql`i.open_balance = 0` : sql`true`}
          order by i.created_at desc limit ${limit}`;
        return c.json({ invoices: rows.map((r) => numbers(r, ['total', 'openBalance'])) }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/invoices/{id}',
        summary: 'One invoice with its lines, payments and credit memos',
        request: { params: IdParam },
        responses: ok('Invoice'),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const invoice = await asApi(async () => {
          const found = await findInvoice(sql, { id });
          if (!found) throw new ErpError('not-found', 'NOT_FOUND', `no invoice ${id}`);
          return found;
        });
        const payments = await sql`
          select external_ref as "externalRef", amount, txn_date::text as date, journal_id as "journalId"
          from ledger.payments where invoice_id = ${id} order by created_at`;
        const credits = await sql`
          select external_ref as "externalRef", total, applied, refunded, txn_date::text as date
          from ledger.credit_memos where invoice_id = ${id} order by created_at`;
        return c.json(
          {
            invoice,
            payments: payments.map((p) => numbers(p, ['amount'])),
            creditMemos: credits.map((m) => numbers(m, ['total', 'applied', 'refunded'])),
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/payments',
        summary: 'Payments, newest first',
        request: { query: z.object({ limit: Limit }) },
        responses: ok('Payments'),
      }),
      async (c) => {
        const { limit } = c.req.valid('query');
        const rows = await sql`
          select p.id, p.external_ref as "externalRef", i.external_ref as "invoiceRef", p.currency,
            p.amount, p.txn_date::text as date
          from ledger.payments p join ledger.invoices i on i.id = p.invoice_id
          order by p.created_at desc limit ${limit}`;
        return c.json({ payments: rows.map((r) => numbers(r, ['amount'])) }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/credit-memos',
        summary: 'Credit memos and their refunds, newest first',
        request: { query: z.object({ limit: Limit }) },
        responses: ok('Credit memos'),
      }),
      async (c) => {
        const { limit } = c.req.valid('query');
        const rows = await sql`
          select m.id, m.external_ref as "externalRef", i.external_ref as "invoiceRef", m.currency,
            m.total, m.applied, m.refunded, m.txn_date::text as date
          from ledger.credit_memos m left join ledger.invoices i on i.id = m.invoice_id
          order by m.created_at desc limit ${limit}`;
        return c.json(
          { creditMemos: rows.map((r) => numbers(r, ['total', 'applied', 'refunded'])) },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/disputes',
        summary: 'Chargeback cases, newest first',
        request: {
          query: z.object({
            status: z.enum(['open', 'evidence_submitted', 'won', 'lost']).optional(),
            limit: Limit,
          }),
        },
        responses: ok('Disputes'),
      }),
      async (c) => {
        const { status, limit } = c.req.valid('query');
        const rows = await sql`
          select id, external_ref as "externalRef", transaction_ref as "transactionRef", currency,
            amount, reason, status, opened_on::text as "openedOn",
            evidence_due_by::text as "evidenceDueBy"
          from ledger.disputes where ${status ? sql`status = ${status}` : sql`true`}
          order by created_at desc limit ${limit}`;
        return c.json({ disputes: rows.map((r) => numbers(r, ['amount'])) }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/journal-entries',
        summary: 'Journal entries in a date range, newest first (`before` pages by number)',
        request: {
          query: Range.extend({
            before: z.coerce.number().int().positive().optional(),
            limit: Limit,
          }),
        },
        responses: ok('Journal entries'),
      }),
      async (c) => {
        const f = c.req.valid('query');
        const rows = await sql`
          select e.id, e.number, e.external_ref as "externalRef", e.source, e.currency,
            e.txn_date::text as date, e.memo, e.reverses_id as "reversesId",
            (select sum(debit) from ledger.journal_lines l where l.entry_id = e.id) as total
          from ledger.journal_entries e
          where (${f.from ?? null}::date is null or e.txn_date >= ${f.from ?? null}::date)
            and (${f.to ?? null}::date is null or e.txn_date <= ${f.to ?? null}::date)
            and (${f.before ?? null}::bigint is null or e.number < ${f.before ?? null}::bigint)
          order by e.number desc limit ${f.limit}`;
        return c.json({ entries: rows.map((r) => numbers(r, ['number', 'total'])) }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/journal-entries/{id}',
        summary: 'One journal entry with its lines',
        request: { params: IdParam },
        responses: ok('Journal entry'),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const entry = await findEntry(sql, id);
        if (!entry) throw new ApiError(404, 'NOT_FOUND', `no journal entry ${id}`);
        return c.json({ entry }, 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/ledger/journal-entries',
        summary: 'Post a manual journal entry (balanced; idempotent on externalRef)',
        request: { ...jsonBody(Body) },
        responses: ok('The entry, and whether this call created it'),
      }),
      async (c) => {
        const posted = await asApi(() => ledger.postJournal(c.req.valid('json') as JournalInput));
        if (posted.created) {
          await deps.audit.record(c, {
            action: 'ledger.journal',
            targetType: 'journal_entry',
            targetId: posted.document.id,
            details: { externalRef: posted.document.externalRef },
          });
        }
        return c.json({ entry: posted.document, created: posted.created }, 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/ledger/journal-entries/{id}/reverse',
        summary: 'Reverse a posted entry (the only correction an immutable ledger allows)',
        request: {
          params: IdParam,
          ...jsonBody(z.object({ date: Day.optional(), memo: z.string().max(1000).optional() })),
        },
        responses: ok('The reversal entry'),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const entry = await asApi(() =>
          ledger.transaction((tx) => reverseEntry(tx, id, body.date ?? today(), body.memo)),
        );
        await deps.audit.record(c, {
          action: 'ledger.reverse',
          targetType: 'journal_entry',
          targetId: id,
          details: { reversal: entry.id },
        });
        return c.json({ entry }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/documents/{type}/{ref}',
        summary: 'Look a document up by its external reference (order id, transaction id)',
        request: { params: z.object({ type: DocumentType, ref: z.string().min(1).max(64) }) },
        responses: ok('The document'),
      }),
      async (c) => {
        const { type, ref } = c.req.valid('param');
        const document = await ledger.findByReference(type, ref);
        if (!document) throw new ApiError(404, 'NOT_FOUND', `no ${type} ${ref}`);
        return c.json({ document }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/reports/trial-balance',
        summary: 'Debits, credits and balance per account and currency for a date range',
        request: { query: Range },
        responses: ok('Trial balance'),
      }),
      async (c) => c.json(await trialBalance(sql, c.req.valid('query')), 200),
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/reports/account-activity',
        summary: 'Lines of one account (code or role) with running balances',
        request: { query: Range.extend({ account: z.string().min(1).max(100) }) },
        responses: ok('Account activity'),
      }),
      async (c) => {
        const { account, ...range } = c.req.valid('query');
        return c.json(await asApi(() => accountActivity(sql, account, range)), 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ledger/reports/open-invoices',
        summary: 'Invoices still owed as of a date, oldest first, with days overdue',
        request: { query: z.object({ asOf: Day.optional() }) },
        responses: ok('Open invoices'),
      }),
      async (c) => c.json(await openInvoices(sql, c.req.valid('query').asOf ?? today()), 200),
    );
}
