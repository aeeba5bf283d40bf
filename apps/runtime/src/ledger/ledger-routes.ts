/**
 * `/api/ledger/...`: read the built-in ledger (viewer), reverse a journal entry (editor). The
 * ledger is written by flows through the ERP nodes; the API only browses it and corrects it the
 * one way an immutable book allows, by reversal.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import {
  calendarDateIn,
  DEFAULT_LEDGER_TIME_ZONE,
  DocumentType,
  ErpError,
  type JournalInput,
} from '@paybridge/nodes/erp';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { apiRoute } from '../http/api-route';
import { apiRouter } from '../http/api-router';
import { jsonBody, jsonResponse } from '../http/openapi-helpers';
import { errorResponses, IdParam } from '../http/schemas';
import { createBuiltInLedger } from './built-in-ledger';
import { creditMemosOfInvoice } from './credit-memos';
import { findInvoice } from './invoices';
import { findEntry, reverseEntry } from './journals';
import { asApi } from './ledger-api-errors';
import {
  AccountRow,
  CreditMemoRow,
  CustomerRow,
  DisputeRow,
  InvoiceRow,
  JournalSummaryRow,
  listPage,
  PaymentRow,
} from './ledger-list-schemas';
import * as lists from './ledger-lists';
import {
  AccountActivity,
  DocumentResponse,
  InvoiceDetailResponse,
  LedgerEntryResponse,
  OpenInvoices,
  PostedJournalResponse,
  TrialBalance,
} from './ledger-response-schemas';
import { paymentsOfInvoice } from './payments';
import { accountActivity, openInvoices, trialBalance } from './reports';

const Day = z.iso.date();
const Range = z.object({ from: Day.optional(), to: Day.optional() });
const Limit = z.coerce.number().int().min(1).max(500).default(100);
/** Every list: up to `limit` rows (500 at most) after `cursor`, the previous page's nextCursor. */
const Paging = z.object({ limit: Limit, cursor: z.string().min(1).max(200).optional() });
/** The journal entry body is checked by the ledger itself, which names the bad line (422). */
const Body = z.record(z.string(), z.unknown());
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: jsonResponse(schema, description),
  ...errorResponses,
});
const listResponse = <K extends string, T extends z.ZodType>(name: K, row: T, what: string) => ({
  200: jsonResponse(listPage(name, row), `${what}, one page`),
  ...errorResponses,
});

/** The ledger's routes; mount under `/api`. */
export function ledgerRoutes(
  deps: Pick<AppDeps, 'sql' | 'audit'> & {
    env?: Pick<AppDeps['env'], 'PAYBRIDGE_LEDGER_TIME_ZONE'>;
  },
) {
  const ledger = createBuiltInLedger(deps.sql);
  const zone = deps.env?.PAYBRIDGE_LEDGER_TIME_ZONE ?? DEFAULT_LEDGER_TIME_ZONE;
  /** Today in the ledger's time zone: the default date of a reversal and of open invoices. */
  const today = () => calendarDateIn(Date.now(), zone);
  const sql = deps.sql;
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/accounts',
        summary: 'Chart of accounts, by code',
        request: { query: Paging },
        responses: listResponse('accounts', AccountRow, 'Accounts'),
      }),
      async (c) => {
        await ledger.ready();
        const p = await lists.listAccounts(sql, c.req.valid('query'));
        return c.json(
          { accounts: p.rows as z.infer<typeof AccountRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/customers',
        summary: 'Customers, newest first',
        request: { query: Paging },
        responses: listResponse('customers', CustomerRow, 'Customers'),
      }),
      async (c) => {
        const p = await lists.listCustomers(sql, c.req.valid('query'));
        return c.json(
          { customers: p.rows as z.infer<typeof CustomerRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/invoices',
        summary: 'Invoices, newest first (`status=open` for those still owed)',
        request: {
          query: Paging.extend({ status: z.enum(['open', 'paid', 'all']).default('all') }),
        },
        responses: listResponse('invoices', InvoiceRow, 'Invoices'),
      }),
      async (c) => {
        const p = await lists.listInvoices(sql, c.req.valid('query'));
        return c.json(
          { invoices: p.rows as z.infer<typeof InvoiceRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/invoices/{id}',
        summary: 'One invoice with its lines, payments and credit memos',
        request: { params: IdParam },
        responses: ok(InvoiceDetailResponse, 'Invoice'),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const invoice = await asApi(async () => {
          const found = await findInvoice(sql, { id });
          if (!found) throw new ErpError('not-found', 'NOT_FOUND', `no invoice ${id}`);
          return found;
        });
        const [payments, creditMemos] = await Promise.all([
          paymentsOfInvoice(sql, id),
          creditMemosOfInvoice(sql, id),
        ]);
        return c.json({ invoice, payments, creditMemos }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/payments',
        summary: 'Payments, newest first',
        request: { query: Paging },
        responses: listResponse('payments', PaymentRow, 'Payments'),
      }),
      async (c) => {
        const p = await lists.listPayments(sql, c.req.valid('query'));
        return c.json(
          { payments: p.rows as z.infer<typeof PaymentRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/credit-memos',
        summary: 'Credit memos and their refunds, newest first',
        request: { query: Paging },
        responses: listResponse('creditMemos', CreditMemoRow, 'Credit memos'),
      }),
      async (c) => {
        const p = await lists.listCreditMemos(sql, c.req.valid('query'));
        return c.json(
          { creditMemos: p.rows as z.infer<typeof CreditMemoRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/disputes',
        summary: 'Chargeback cases, newest first',
        request: {
          query: Paging.extend({
            status: z.enum(['open', 'evidence_submitted', 'won', 'lost']).optional(),
          }),
        },
        responses: listResponse('disputes', DisputeRow, 'Disputes'),
      }),
      async (c) => {
        const p = await lists.listDisputes(sql, c.req.valid('query'));
        return c.json(
          { disputes: p.rows as z.infer<typeof DisputeRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/journal-entries',
        summary: 'Journal entries in a date range, newest first (page with `cursor`)',
        request: {
          query: Range.merge(Paging).extend({
            before: z.coerce.number().int().positive().optional(),
          }),
        },
        responses: listResponse('entries', JournalSummaryRow, 'Journal entries'),
      }),
      async (c) => {
        const p = await lists.listJournalEntries(sql, c.req.valid('query'));
        return c.json(
          { entries: p.rows as z.infer<typeof JournalSummaryRow>[], nextCursor: p.nextCursor },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/journal-entries/{id}',
        summary: 'One journal entry with its lines',
        request: { params: IdParam },
        responses: ok(LedgerEntryResponse, 'Journal entry'),
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
        path: '/journal-entries',
        summary: 'Post a manual journal entry (balanced; idempotent on externalRef)',
        request: { ...jsonBody(Body) },
        responses: ok(PostedJournalResponse, 'The entry, and whether this call created it'),
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
        path: '/journal-entries/{id}/reverse',
        summary: 'Reverse a posted entry (the only correction an immutable ledger allows)',
        request: {
          params: IdParam,
          ...jsonBody(z.object({ date: Day.optional(), memo: z.string().max(1000).optional() })),
        },
        responses: ok(LedgerEntryResponse, 'The reversal entry'),
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
        path: '/documents/{type}/{ref}',
        summary: 'Look a document up by its external reference (order id, transaction id)',
        request: { params: z.object({ type: DocumentType, ref: z.string().min(1).max(64) }) },
        responses: ok(DocumentResponse, 'The document'),
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
        path: '/reports/trial-balance',
        summary: 'Debits, credits and balance per account and currency for a date range',
        request: { query: Range },
        responses: ok(TrialBalance, 'Trial balance'),
      }),
      async (c) => c.json(await trialBalance(sql, c.req.valid('query')), 200),
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/reports/account-activity',
        summary: 'Lines of one account (code or role) with running balances',
        request: { query: Range.extend({ account: z.string().min(1).max(100) }) },
        responses: ok(AccountActivity, 'Account activity'),
      }),
      async (c) => {
        const { account, ...range } = c.req.valid('query');
        return c.json(await asApi(() => accountActivity(sql, account, range)), 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/reports/open-invoices',
        summary: 'Invoices still owed as of a date, oldest first, with days overdue',
        request: { query: z.object({ asOf: Day.optional() }) },
        responses: ok(OpenInvoices, 'Open invoices'),
      }),
      async (c) => c.json(await openInvoices(sql, c.req.valid('query').asOf ?? today()), 200),
    );
}
