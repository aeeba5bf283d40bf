import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import * as flows from '../../db/queries/flows';
import { manualRunTarget } from '../../flows/manual-run-target';
import { createBuiltInLedger } from '../../ledger/built-in-ledger';
import {
  CreatedDocument,
  DateParam,
  DayQuery,
  DaysQuery,
  ItemFilters,
  ReconciliationDayDetail,
  ReconciliationDayList,
  ReconciliationItem,
  ReconciliationItemList,
  ReconciliationRun,
  ResolveItem,
  StartRun,
  StartedRun,
} from '../../reconciliation/api-schemas';
import { erpOfItem } from '../../reconciliation/item-erp';
import { createMissingDocument } from '../../reconciliation/missing-document';
import * as q from '../../reconciliation/report-queries';
import { reportCsv } from '../../reconciliation/report-csv';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { errorResponses, IdParam } from '../schemas';

/** The longest range one request may list or reconcile (days). */
const MAX_RANGE_DAYS = 366;

function checkRange(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw new ApiError(400, 'VALIDATION_FAILED', `to (${to}) is before from (${from})`);
  if (days >= MAX_RANGE_DAYS) {
    throw new ApiError(400, 'VALIDATION_FAILED', `A range covers at most ${MAX_RANGE_DAYS} days`);
  }
}

const conflict = jsonResponse(
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  'Not possible in its current state',
);

/**
 * Settlement reconciliation: days with totals side by side, a day's batches, the differences
 * found (filtered by kind and status, each with its run), resolving them with a note, booking a
 * missing ERP document once, reconciling a range on demand with its progress, the CSV report.
 */
export function reconciliationRoutes(deps: AppDeps) {
  const ledger = createBuiltInLedger(deps.sql);
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/days',
        summary: 'Reconciled days in a date range with PayTrace, ERP, Shopify and bank totals',
        request: { query: DaysQuery },
        responses: { 200: jsonResponse(ReconciliationDayList, 'Days'), ...errorResponses },
      }),
      async (c) => {
        const query = c.req.valid('query');
        checkRange(query.from, query.to);
        return c.json({ days: await q.listDays(deps.sql, query) }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/days/{date}',
        summary: 'One reconciled day with its settlement batches',
        request: { params: DateParam, query: DayQuery },
        responses: { 200: jsonResponse(ReconciliationDayDetail, 'Day'), ...errorResponses },
      }),
      async (c) => {
        const { date } = c.req.valid('param');
        const detail = await q.dayDetail(deps.sql, date, c.req.valid('query').connection);
        if (!detail) throw new ApiError(404, 'NOT_FOUND', `${date} has not been reconciled`);
        return c.json(detail, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/days/{date}/report.csv',
        summary: "A day's reconciliation report as CSV (totals, batches, every item)",
        request: { params: DateParam, query: DayQuery },
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { date } = c.req.valid('param');
        const connection = c.req.valid('query').connection;
        const report = await q.dayReport(deps.sql, date, connection);
        if (!report) throw new ApiError(404, 'NOT_FOUND', `${date} has not been reconciled`);
        c.header('content-type', 'text/csv; charset=utf-8');
        c.header('content-disposition', `attachment; filename="reconciliation-${date}.csv"`);
        return c.body(reportCsv(report.day, report.batches, report.items), 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/items',
        summary: 'Differences of a day, range or batch, filtered by kind and status',
        request: { query: ItemFilters },
        responses: { 200: jsonResponse(ReconciliationItemList, 'Items'), ...errorResponses },
      }),
      async (c) => {
        const f = c.req.valid('query');
        const after = f.cursor === undefined ? null : q.decodeItemCursor(f.cursor);
        if (f.cursor !== undefined && !after) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'cursor: not a cursor this API gave out');
        }
        const { items, counts } = await q.listItems(deps.sql, {
          from: f.date ?? f.from ?? null,
          to: f.date ?? f.to ?? null,
          batch: f.batch ?? null,
          kind: f.kind ?? null,
          status: f.status ?? null,
          connection: f.connection ?? null,
          after,
          limit: f.limit,
        });
        const last = items.length === f.limit ? items[items.length - 1] : undefined;
        return c.json(
          {
            items,
            counts,
            nextCursor: last ? q.encodeItemCursor(last) : null,
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/items/{id}',
        summary: 'One difference',
        request: { params: IdParam },
        responses: { 200: jsonResponse(ReconciliationItem, 'Item'), ...errorResponses },
      }),
      async (c) => {
        const item = await q.findItem(deps.sql, c.req.valid('param').id);
        if (!item) throw new ApiError(404, 'NOT_FOUND', 'No such reconciliation item');
        return c.json(item, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/items/{id}/resolve',
        summary: 'Mark a difference resolved, with a note saying how',
        request: { params: IdParam, ...jsonBody(ResolveItem) },
        responses: { 200: jsonResponse(ReconciliationItem, 'Resolved'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { note } = c.req.valid('json');
        const actor = actorOf(c);
        const result = await q.resolveItem(deps.sql, id, note, actor.label);
        if (!result) throw new ApiError(404, 'NOT_FOUND', 'No such reconciliation item');
        if (result.changed) {
          await deps.audit.record(c, {
            action: 'reconciliation.item.resolve',
            targetType: 'reconciliation-item',
            targetId: id,
            details: { kind: result.item.kind, note },
          });
        }
        return c.json(result.item, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/items/{id}/create-missing-document',
        summary:
          'Book the missing ERP payment or credit memo of a difference, once, and resolve it',
        request: { params: IdParam },
        responses: {
          200: jsonResponse(CreatedDocument, 'Booked (or found booked)'),
          ...errorResponses,
          409: conflict,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const item = await q.findItem(deps.sql, id);
        if (!item) throw new ApiError(404, 'NOT_FOUND', 'No such reconciliation item');
        const erp = await erpOfItem(
          {
            sql: deps.sql,
            connections: deps.connections,
            builtIn: ledger,
            quickbooksSimulatorUrl: () => deps.simulatorUrls().quickbooks,
          },
          item.flowRunId,
        );
        const booked = await createMissingDocument(deps.sql, erp, item);
        const ref = booked.document.externalRef;
        const resolved = await q.resolveItem(
          deps.sql,
          id,
          `Booked ${booked.type} ${ref} in the ERP`,
          actorOf(c).label,
          ref,
        );
        if (booked.created) {
          await deps.audit.record(c, {
            action: 'reconciliation.item.create-document',
            targetType: 'reconciliation-item',
            targetId: id,
            details: { kind: item.kind, type: booked.type, externalRef: ref },
          });
        }
        return c.json(
          {
            item: resolved!.item,
            document: {
              type: booked.type,
              externalRef: ref,
              id: booked.document.id,
              created: booked.created,
            },
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/runs',
        summary: "Reconcile a date range now with a flow's reconcile.settlement node",
        request: jsonBody(StartRun),
        responses: {
          202: jsonResponse(StartedRun, 'Queued'),
          ...errorResponses,
          409: conflict,
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        checkRange(body.from, body.to);
        const target = await manualRunTarget(deps.db, body.flowId, { version: 'active' });
        const version = await flows.findVersion(deps.db, body.flowId, target.version);
        if (!version?.graph.nodes.some((n) => n.type === 'reconcile.settlement')) {
          throw new ApiError(
            409,
            'NOT_A_RECONCILIATION_FLOW',
            'The flow has no reconcile.settlement node in its active version',
          );
        }
        const runId = await q.createQueuedRun(deps.sql, {
          flowId: body.flowId,
          from: body.from,
          to: body.to,
          requestedBy: actorOf(c).label,
        });
        const result = await deps.ingest.write({
          source: 'manual',
          payload: { reconciliation: { runId, from: body.from, to: body.to } },
          runs: [{ flowId: body.flowId, versionId: target.versionId }],
        });
        const flowRunId = result.kind === 'conflict' ? null : (result.runIds[0] ?? null);
        if (!flowRunId) {
          await q.failRun(deps.sql, runId, 'The flow run could not be queued');
          throw new ApiError(409, 'NOT_QUEUED', 'The flow run could not be queued');
        }
        await q.linkFlowRun(deps.sql, runId, flowRunId);
        await deps.audit.record(c, {
          action: 'reconciliation.run',
          targetType: 'flow',
          targetId: body.flowId,
          details: { reconciliationRunId: runId, from: body.from, to: body.to },
        });
        return c.json({ reconciliationRunId: runId, flowRunId, status: 'queued' as const }, 202);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/runs/{id}',
        summary: 'A reconciliation run and its progress (done of total)',
        request: { params: IdParam },
        responses: { 200: jsonResponse(ReconciliationRun, 'Run'), ...errorResponses },
      }),
      async (c) => {
        const run = await q.findRun(deps.sql, c.req.valid('param').id);
        if (!run) throw new ApiError(404, 'NOT_FOUND', 'No such reconciliation run');
        return c.json(run, 200);
      },
    );
}
