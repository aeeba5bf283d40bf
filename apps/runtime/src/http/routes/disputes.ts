import { z } from '@hono/zod-openapi';
import { CHARGEBACK_THRESHOLDS, EvidencePacket } from '@paybridge/nodes/definitions';
import { calendarDateIn } from '@paybridge/nodes/erp';
import {
  caseRuns,
  casePacket,
  casePostings,
  caseTimeline,
  findCase,
  listCases,
  monthlyRatio,
  type DisputeCase as CaseRecord,
} from '../../disputes/case-store';
import { importChargebackReport, ReportImportError } from '../../disputes/report-import';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';
import { errorResponses, ErrorResponse, IdParam } from '../schemas';

/** A case's state, as the ledger's dispute cases (`erp.dispute-open` / `erp.dispute-update`). */
export const DisputeCaseStatus = z.enum(['open', 'evidence_submitted', 'won', 'lost']);

/** Where a case was reported from. */
export const DisputeIntakeChannel = z.enum(['shopify', 'processor-notice', 'report']);

export const DisputeCase = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    processor: z.string(),
    kind: z.string(),
    /** Every channel that reported this case, first one first. */
    channels: z.array(z.string()),
    status: DisputeCaseStatus,
    /** Disputed amount, integer minor units. */
    amount: z.number().int(),
    currency: z.string(),
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
    orderRef: z.string().nullable(),
    orderName: z.string().nullable(),
    transactionId: z.string().nullable(),
    cardLast4: z.string().nullable(),
    openedOn: z.string(),
    /** Evidence deadline (YYYY-MM-DD), null when no channel gave one. */
    evidenceDueBy: z.string().nullable(),
    /** Whole days from today (the ERP's time zone) to the deadline; negative when past. */
    daysLeft: z.number().int().nullable(),
    erpRef: z.string(),
    hasPacket: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('DisputeCase');

export const DisputeCaseList = z
  .object({
    cases: z.array(DisputeCase),
    /** Every case matching the filters, across pages. */
    total: z.number().int(),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi('DisputeCaseList');

export const DisputeCaseDetail = z
  .object({
    case: DisputeCase,
    timeline: z.array(
      z.object({
        at: z.string(),
        kind: z.string(),
        channel: z.string().nullable(),
        summary: z.string(),
        runId: z.string().nullable(),
      }),
    ),
    postings: z.array(
      z.object({
        journalId: z.string(),
        date: z.string(),
        memo: z.string().nullable(),
        /** open: moved to the chargeback reserve; won: released; lost: written off. */
        kind: z.string(),
        amount: z.number().int(),
        currency: z.string(),
      }),
    ),
    runs: z.array(
      z.object({ id: z.string(), status: z.string(), flowId: z.string(), createdAt: z.string() }),
    ),
  })
  .openapi('DisputeCaseDetail');

export const DisputePacket = EvidencePacket.extend({}).openapi('DisputePacket');

export const ChargebackReportImport = z
  .object({
    imported: z.number().int(),
    duplicates: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
    rows: z.array(
      z.object({
        line: z.number().int(),
        caseNumber: z.string(),
        outcome: z.enum(['imported', 'duplicate']),
        runIds: z.array(z.string()),
      }),
    ),
  })
  .openapi('ChargebackReportImport');

export const ChargebackRatio = z
  .object({
    months: z.array(
      z.object({
        month: z.string(),
        disputes: z.number().int(),
        /** Settled card transactions that month (see `source`). */
        transactions: z.number().int(),
        /**
         * Where `transactions` was counted: `settlement` = PayTrace's settled sales staged by
         * settlement reconciliation, `ledger` = payments booked in the built-in ledger (no day of
         * the month reconciled), `mixed` = settled sales plus ledger payments of the days not
         * reconciled.
         */
        source: z.enum(['settlement', 'ledger', 'mixed']),
        /** disputes / transactions as a fraction (0.015 = 1.5 %); null without transactions. */
        ratio: z.number().nullable(),
      }),
    ),
    thresholds: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        ratio: z.number(),
        kind: z.enum(['scheme', 'acquirer']),
        from: z.string().nullable(),
      }),
    ),
  })
  .openapi('ChargebackRatio');

const ListQuery = z.object({
  status: z
    .union([DisputeCaseStatus, z.array(DisputeCaseStatus)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  dueBefore: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'dueBefore must be a date YYYY-MM-DD')
    .optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** Opaque cursor from `nextCursor`: the page after it. */
  cursor: z.string().min(1).max(200).optional(),
});

const RatioQuery = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });

/** Whole days between two calendar dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Chargeback cases for the Disputes page: the list by evidence deadline, one case with its
 * timeline, postings and runs, the evidence packet (JSON and PDF), the import of PayTrace's
 * chargeback report and the monthly chargeback ratio with the card schemes' thresholds.
 */
export function disputeRoutes(deps: AppDeps) {
  const today = () => calendarDateIn(Date.now(), deps.env.PAYBRIDGE_LEDGER_TIME_ZONE);
  const shape = (c: CaseRecord): z.infer<typeof DisputeCase> => {
    const { caseKey: _key, ...rest } = c;
    return {
      ...rest,
      daysLeft: c.evidenceDueBy ? daysBetween(today(), c.evidenceDueBy) : null,
    };
  };
  const caseOr404 = async (id: string) => {
    const found = await findCase(deps.sql, id);
    if (!found) throw new ApiError(404, 'NOT_FOUND', `No dispute case ${id}`);
    return found;
  };
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'Chargeback cases, soonest evidence deadline first',
        description: 'Paging: pass `nextCursor` as `cursor` for the next page.',
        request: { query: ListQuery },
        responses: { 200: jsonResponse(DisputeCaseList, 'Cases'), ...errorResponses },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const { cases, total, nextCursor } = await listCases(deps.sql, q);
        return c.json({ cases: cases.map(shape), total, nextCursor }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/ratio',
        summary: 'Chargeback ratio per month with the card schemes’ and acquirers’ thresholds',
        request: { query: RatioQuery },
        responses: { 200: jsonResponse(ChargebackRatio, 'Ratio per month'), ...errorResponses },
      }),
      async (c) => {
        const { months } = c.req.valid('query');
        return c.json(
          {
            months: await monthlyRatio(deps.sql, months, today()),
            thresholds: [...CHARGEBACK_THRESHOLDS],
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/report',
        summary: 'Import PayTrace’s chargeback / retrieval report (CSV)',
        request: {
          body: {
            content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
            required: true,
          },
        },
        responses: {
          200: jsonResponse(ChargebackReportImport, 'Rows imported, duplicates and errors'),
          409: jsonResponse(ErrorResponse, 'No active flow takes chargeback reports'),
          422: jsonResponse(ErrorResponse, 'The report cannot be read'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const text = await c.req.text();
        try {
          return c.json(await importChargebackReport(deps, text), 200);
        } catch (err) {
          if (!(err instanceof ReportImportError)) throw err;
          throw new ApiError(err.code === 'NO_CHARGEBACK_FLOW' ? 409 : 422, err.code, err.message);
        }
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}',
        summary: 'One chargeback case with its timeline, postings and runs',
        request: { params: IdParam },
        responses: { 200: jsonResponse(DisputeCaseDetail, 'The case'), ...errorResponses },
      }),
      async (c) => {
        const found = await caseOr404(c.req.valid('param').id);
        const [timeline, postings, runs] = await Promise.all([
          caseTimeline(deps.sql, found.id),
          casePostings(deps.sql, found.erpRef),
          caseRuns(deps.sql, found.id),
        ]);
        return c.json({ case: shape(found), timeline, postings, runs }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/packet',
        summary: 'The evidence packet of a case, as JSON',
        request: { params: IdParam },
        responses: { 200: jsonResponse(DisputePacket, 'The packet'), ...errorResponses },
      }),
      async (c) => {
        const packet = await casePacket(deps.sql, (await caseOr404(c.req.valid('param').id)).id);
        if (!packet) throw new ApiError(404, 'NO_PACKET', 'No evidence packet assembled yet');
        return c.json(packet.json, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/packet.pdf',
        summary: 'The evidence packet of a case, as PDF',
        request: { params: IdParam },
        responses: {
          200: {
            description: 'The packet PDF',
            content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const packet = await casePacket(deps.sql, (await caseOr404(c.req.valid('param').id)).id);
        if (!packet) throw new ApiError(404, 'NO_PACKET', 'No evidence packet assembled yet');
        const name = `chargeback-${packet.caseNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
        return c.body(new Uint8Array(packet.pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${name}"`,
        });
      },
    );
}
