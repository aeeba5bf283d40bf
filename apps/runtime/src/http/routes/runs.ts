import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import {
  credentialedNodeIds,
  redactRunData,
  redactRunError,
  seesCredentialEchoes,
} from '../../connections/run-data-redaction';
import type { Role } from '../../auth/roles';
import { findFlow, findVersion } from '../../db/queries/flows';
import {
  changesStart,
  countOperatorStatuses,
  queryRuns,
  runIdsMatching,
  type RunListFilters,
  type RunListRow,
  type RunPage,
} from '../../db/queries/run-list';
import * as q from '../../db/queries/runs';
import { findCardData } from '../../ingest/card-data-guard';
import { cancelRun } from '../../jobs/run-cancel';
import { bulkProgress, createBulkOperation } from '../../runs/bulk-operations';
import { changesCursorAt, decodeCursor, encodeCursor } from '../../runs/run-cursor';
import { httpExchangeOf, nodeSummaries, relatedRuns, runDocuments } from '../../runs/run-detail';
import { changedPaths, payloadHash, replayRun, replayVersionOf } from '../../runs/replay-run';
import { replayMode } from '../../runs/replay-test-run';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import {
  BULK_LIMIT,
  BulkAccepted,
  BulkProgress,
  BulkRequest,
  OperatorRunCounts,
  OperatorRunDetail,
  OperatorRunStatus,
  ReplayAccepted,
  ReplayBody,
  RunList,
  RunListItem,
  RunListQuery,
} from '../run-schemas';
import { ErrorResponse, errorResponses, IdParam, RunStatus } from '../schemas';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { traceIdField } from '../../observability/tracing';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A run as the list shows it. */
function runListItem(r: RunListRow): z.infer<typeof RunListItem> {
  const end = r.finished_at ?? (r.started_at ? new Date() : null);
  return {
    id: r.id,
    flowId: r.flow_id,
    flowName: r.flow_name,
    flowVersionId: r.flow_version_id,
    eventId: r.event_id,
    status: r.status,
    operatorStatus: r.operator_status,
    source: r.source,
    parentRunId: r.parent_run_id,
    stopAfter: r.stop_after,
    test: r.test_mode,
    failedNodeId: r.failed_node_id,
    error: r.error ?? null,
    resumeAt: iso(r.resume_at),
    nextAttemptAt:
      r.operator_status === 'retrying' || r.operator_status === 'waiting' ? iso(r.resume_at) : null,
    attempts: r.attempts,
    executions: r.executions,
    durationMs: r.started_at && end ? end.getTime() - r.started_at.getTime() : null,
    deadLetterId: r.dead_letter_id,
    createdAt: r.created_at.toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The list's filters from a parsed query. */
function filtersOf(query: {
  status?: RunListFilters['status'];
  flowId?: RunListFilters['flowId'];
  source?: RunListFilters['source'];
  since?: Date | undefined;
  until?: Date | undefined;
  q?: string | undefined;
}): RunListFilters {
  return {
    status: query.status,
    flowId: query.flowId,
    source: query.source,
    since: query.since,
    until: query.until,
    q: query.q,
  };
}

const badCursor = (name: string) =>
  new ApiError(400, 'VALIDATION_FAILED', `${name}: not a cursor this API gave out`);

/** An optional JSON body: absent or empty is `{}`; anything else must parse and match. */
async function optionalJson<T extends z.ZodType>(
  req: { text(): Promise<string> },
  schema: T,
): Promise<z.infer<T>> {
  const text = await req.text();
  if (text.trim() === '') return schema.parse({});
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Body: not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/**
 * Run errors as `role` may see them in a list: a run whose version sends an HTTP auth
 * connection's credentials may carry an echo of them in its error (see run-data-redaction).
 */
async function withheldErrors<T extends { flowVersionId: string | null; error: unknown }>(
  deps: AppDeps,
  role: Role,
  rows: T[],
): Promise<T[]> {
  if (seesCredentialEchoes(role)) return rows;
  const versionIds = rows.flatMap((r) =>
    r.error != null && r.flowVersionId ? [r.flowVersionId] : [],
  );
  const graphs = await q.graphsOfVersions(deps.db, versionIds);
  return rows.map((r) => {
    const graph = r.flowVersionId ? graphs.get(r.flowVersionId) : undefined;
    // No version known (a dead letter of a removed run): withhold rather than guess.
    const credentialed = graph === undefined || credentialedNodeIds(graph).size > 0;
    return { ...r, error: redactRunError(r.error, credentialed, role) };
  });
}

const CancelledRun = z
  .object({
    runId: z.string(),
    status: z.literal('cancelled'),
    /** What the run was doing when cancelled. */
    previous: z.enum(['queued', 'waiting', 'running']),
  })
  .openapi('CancelledRun');

/** Runs: list with filters, inspect with every step, retry from the failed step, replay. */
export function runRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'List runs across flows, newest first, or the runs changed since a cursor',
        description:
          'Filters: status (operator statuses), flowId, source, since/until (created), q (a business reference: Shopify order id or name, PayTrace transaction id, ERP document reference). ' +
          'Paging: pass `nextCursor` as `cursor`. Live updates: pass `changesCursor` as `updatedSince` (poll every few seconds); the answer holds the runs changed since, oldest change first, and may repeat a run: upsert by id.',
        request: { query: RunListQuery },
        responses: { 200: jsonResponse(RunList, 'Runs'), ...errorResponses },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const filters = filtersOf(query);
        let page: RunPage = { kind: 'page' };
        if (query.updatedSince !== undefined) {
          const after = decodeCursor('u', query.updatedSince);
          if (!after) throw badCursor('updatedSince');
          page = { kind: 'changes', after };
        } else if (query.cursor !== undefined) {
          const after = decodeCursor('c', query.cursor);
          if (!after) throw badCursor('cursor');
          page = { kind: 'page', after };
        } else if (query.before) page = { kind: 'page', before: query.before };
        const [rows, start] = await Promise.all([
          queryRuns(deps.sql, filters, page, query.limit),
          changesStart(deps.sql),
        ]);
        const full = rows.length === query.limit;
        const last = rows[rows.length - 1];
        const shown = await withheldErrors(deps, actorOf(c).role, rows.map(runListItem));
        return c.json(
          {
            runs: shown,
            nextCursor:
              page.kind === 'page' && full && last
                ? encodeCursor('c', { key: last.created_key, id: last.id })
                : null,
            nextBefore: page.kind === 'page' && full && last ? last.created_at.toISOString() : null,
            changesCursor:
              page.kind === 'changes' && full && last
                ? encodeCursor('u', { key: last.updated_key, id: last.id })
                : changesCursorAt(start),
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/counts',
        summary: 'Count runs by status (every status, zero included)',
        request: {
          query: RunListQuery.omit({
            cursor: true,
            before: true,
            updatedSince: true,
            limit: true,
            status: true,
          }),
        },
        responses: {
          200: jsonResponse(OperatorRunCounts, 'Runs per status'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const filters = filtersOf(c.req.valid('query'));
        const found = await countOperatorStatuses(deps.sql, filters);
        const operatorCounts = Object.fromEntries(
          OperatorRunStatus.options.map((s) => [s, found[s] ?? 0]),
        ) as z.infer<typeof OperatorRunCounts>['operatorCounts'];
        const counts = Object.fromEntries(
          RunStatus.options.map((s) => [s, found[s] ?? 0]),
        ) as z.infer<typeof OperatorRunCounts>['counts'];
        counts.failed += operatorCounts['dead-lettered'];
        counts.waiting += operatorCounts.retrying;
        return c.json({ counts, operatorCounts }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}',
        summary: 'Get a run with its trigger data and every step',
        request: { params: IdParam },
        responses: { 200: jsonResponse(OperatorRunDetail, 'Run'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        // Status first, steps second: a run read as finished then shows all its steps.
        const [listed] = await queryRuns(deps.sql, {}, { kind: 'page' }, 1, id);
        if (!listed) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        const d = await q.getRunDetail(deps.db, id);
        if (!d) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        const steps = d.steps.map((s) => ({
          seq: s.seq,
          nodeId: s.nodeId,
          nodeType: s.nodeType,
          attempt: s.attempt,
          status: s.status,
          port: s.port,
          input: s.input,
          output: s.output,
          error: s.error ?? null,
          startedAt: s.startedAt.toISOString(),
          finishedAt: s.finishedAt.toISOString(),
          durationMs: s.finishedAt.getTime() - s.startedAt.getTime(),
          resumeAt: iso(s.resumeAt),
        }));
        const graph = (await q.graphsOfVersions(deps.db, [d.run.flowVersionId])).get(
          d.run.flowVersionId,
        );
        const redacted = redactRunData(
          {
            ...runListItem(listed),
            response: d.run.response ?? null,
            trigger: d.payload,
            dataPrunedAt: iso(d.run.dataPrunedAt),
            flowVersion: d.version,
            ...traceIdField(d.run.traceParent),
            steps,
          },
          credentialedNodeIds(graph, steps),
          actorOf(c).role,
        );
        const nodeTypes = new Map(
          [...(graph?.nodes ?? []), ...steps.map((s) => ({ id: s.nodeId, type: s.nodeType }))].map(
            (n) => [n.id, n.type] as const,
          ),
        );
        const configs = new Map((graph?.nodes ?? []).map((n) => [n.id, n.config] as const));
        const [related, documents] = await Promise.all([
          relatedRuns(deps.sql, d.run),
          runDocuments(deps.sql, d.run, nodeTypes, configs),
        ]);
        return c.json(
          {
            ...redacted,
            steps: redacted.steps.map((s) => ({
              ...s,
              http: httpExchangeOf(s, configs.get(s.nodeId)),
            })),
            nodes: nodeSummaries(redacted.steps),
            related,
            documents,
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/{id}/retry',
        summary: 'Retry a failed run from its failed step',
        request: {
          params: IdParam,
          body: {
            content: {
              'application/json': {
                schema: z.object({ version: z.enum(['same', 'latest']).default('same') }),
              },
            },
            required: false,
          },
        },
        responses: {
          202: jsonResponse(z.object({ runId: z.string(), status: z.string() }), 'Queued'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Not failed'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const opts = (await c.req.json().catch(() => ({}))) as { version?: string };
        if (opts.version !== undefined && opts.version !== 'same' && opts.version !== 'latest') {
          throw new ApiError(400, 'VALIDATION_FAILED', 'version: expected "same" or "latest"');
        }
        const d = await q.getRunDetail(deps.db, id);
        if (!d) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        let versionId: string | null = null;
        if (opts.version === 'latest') {
          const flow = await findFlow(deps.db, d.run.flowId);
          versionId = flow
            ? ((await findVersion(deps.db, flow.flow.id, flow.flow.latestVersion))?.id ?? null)
            : null;
        }
        if (!(await q.retryFailedRun(deps.sql, id, versionId))) {
          throw new ApiError(
            409,
            'RUN_NOT_FAILED',
            `Run ${id} is ${d.run.status}; only failed runs can be retried`,
          );
        }
        await deps.audit.record(c, {
          action: 'run.retry',
          targetType: 'run',
          targetId: id,
          details: { version: opts.version ?? 'same' },
        });
        return c.json({ runId: id, status: 'queued' }, 202);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/{id}/cancel',
        summary: 'Cancel a queued, waiting or running run',
        description:
          'A queued or waiting run never starts again; a running one stops before its next step (the step in flight completes).',
        request: { params: IdParam },
        responses: {
          200: jsonResponse(CancelledRun, 'Cancelled'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Already finished'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const result = await cancelRun(deps.sql, id);
        if (result.outcome === 'not-found')
          throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        if (result.outcome === 'finished') {
          throw new ApiError(
            409,
            'RUN_FINISHED',
            `Run ${id} is ${result.status}; only queued, waiting or running runs can be cancelled`,
          );
        }
        await deps.audit.record(c, {
          action: 'run.cancel',
          targetType: 'run',
          targetId: id,
          details: { previous: result.previous },
        });
        return c.json({ runId: id, status: 'cancelled' as const, previous: result.previous }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/{id}/replay',
        summary:
          "Replay a run's event as a new linked run (active version of its flow, else latest)",
        description:
          'With `payload`, the new run processes that edited trigger payload (stored as a new event; card data refused with 422); the audit log records the changed paths and the payload hash. ' +
          'An open dead letter of the replayed run is resolved with a note naming the new run. Effects keep their business keys: a replay never charges an order again. ' +
          'The replay of a test run is a test run up to the same node: live PayTrace goes to the simulator unless `liveCalls` confirms this replay calls it.',
        request: {
          params: IdParam,
          body: { content: { 'application/json': { schema: ReplayBody } }, required: false },
        },
        responses: {
          202: jsonResponse(ReplayAccepted, 'Queued'),
          ...errorResponses,
          409: jsonResponse(
            ErrorResponse,
            'Trigger data pruned, or the node a test run stopped after is gone',
          ),
          422: jsonResponse(
            ErrorResponse,
            'Card data in the payload, or a test run would call a live service unconfirmed',
          ),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = await optionalJson(c.req, ReplayBody);
        const d = await q.getRunDetail(deps.db, id);
        if (!d) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        const edited = body.payload !== undefined;
        if (!edited && d.run.dataPrunedAt && d.payload === null) {
          throw new ApiError(
            409,
            'RUN_DATA_PRUNED',
            `Run ${id} cannot be replayed: its trigger data was removed by the retention policy (PAYBRIDGE_RETENTION_DAYS)`,
          );
        }
        if (edited) {
          const cardField = findCardData(body.payload);
          if (cardField !== null) {
            throw new ApiError(
              422,
              'CARD_DATA_REFUSED',
              `Field payload.${cardField} holds card data; Paybridge never stores card numbers or security codes`,
            );
          }
        }
        const versionId = await replayVersionOf(deps.db, d.run.flowId);
        if (!versionId)
          throw new ApiError(404, 'FLOW_NOT_FOUND', 'The run belongs to a deleted flow');
        const graph = (await q.graphsOfVersions(deps.db, [versionId])).get(versionId);
        if (!graph) throw new ApiError(404, 'FLOW_NOT_FOUND', 'The run belongs to a deleted flow');
        const mode = await replayMode({
          original: d.run,
          graph,
          liveCalls: body.liveCalls,
          connections: deps.connections,
          paytraceSimulator: deps.simulatorUrls().paytrace !== undefined,
        });
        const replayed = await replayRun(deps.sql, {
          original: d.run,
          versionId,
          payload: edited ? { value: body.payload } : undefined,
          note: body.note,
          mode,
        });
        await deps.audit.record(c, {
          action: 'run.replay',
          targetType: 'run',
          targetId: id,
          details: {
            newRunId: replayed.runId,
            ...(edited
              ? {
                  edited: true,
                  payloadSha256: payloadHash(body.payload),
                  changedPaths: changedPaths(d.payload, body.payload),
                }
              : {}),
            ...(body.note ? { note: body.note } : {}),
            ...(mode.testMode ? { test: mode.testMode } : {}),
            ...(replayed.resolvedDeadLetterId
              ? { resolvedDeadLetterId: replayed.resolvedDeadLetterId }
              : {}),
          },
        });
        return c.json(
          {
            runId: replayed.runId,
            replayOf: id,
            status: 'queued' as const,
            eventId: replayed.eventId,
            edited,
            resolvedDeadLetterId: replayed.resolvedDeadLetterId,
            test: mode.testMode ?? null,
          },
          202,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/bulk',
        summary: 'Retry, replay or cancel many runs in the background',
        description: `The runs are \`runIds\` or those matching \`filter\` (the list's filters), at most ${BULK_LIMIT}; follow the progress at GET /runs/bulk/{operationId}.`,
        request: jsonBody(BulkRequest),
        responses: {
          202: jsonResponse(BulkAccepted, 'Accepted'),
          ...errorResponses,
          422: jsonResponse(ErrorResponse, 'Too many runs'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        if ((body.runIds === undefined) === (body.filter === undefined)) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'Give either runIds or filter');
        }
        let runIds: string[];
        if (body.runIds) runIds = [...new Set(body.runIds)];
        else {
          const f = body.filter!;
          runIds = await runIdsMatching(
            deps.sql,
            {
              ...f,
              since: f.since ? new Date(f.since) : undefined,
              until: f.until ? new Date(f.until) : undefined,
            },
            BULK_LIMIT + 1,
          );
          if (runIds.length > BULK_LIMIT) {
            throw new ApiError(
              422,
              'BULK_TOO_LARGE',
              `More than ${BULK_LIMIT} runs match the filter; narrow it (e.g. by time range or flow)`,
            );
          }
        }
        if (runIds.length === 0) {
          throw new ApiError(400, 'BULK_EMPTY', 'No runs match; nothing to do');
        }
        const actor = actorOf(c);
        const operationId = await createBulkOperation(
          deps.sql,
          { action: body.action, version: body.version, actor: actor.label ?? actor.id ?? null },
          runIds,
        );
        await deps.audit.record(c, {
          action: `run.bulk.${body.action}`,
          targetType: 'run-bulk-operation',
          targetId: operationId,
          details: {
            total: runIds.length,
            ...(body.filter ? { filter: body.filter } : {}),
            ...(body.action === 'retry' ? { version: body.version } : {}),
          },
        });
        return c.json({ operationId, total: runIds.length }, 202);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/bulk/{operationId}',
        summary: "A bulk operation's progress and the outcome of its runs",
        request: { params: z.object({ operationId: z.string().uuid() }) },
        responses: { 200: jsonResponse(BulkProgress, 'Progress'), ...errorResponses },
      }),
      async (c) => {
        const { operationId } = c.req.valid('param');
        const progress = await bulkProgress(deps.sql, operationId);
        if (!progress) {
          throw new ApiError(404, 'BULK_NOT_FOUND', `No bulk operation with id ${operationId}`);
        }
        return c.json(progress, 200);
      },
    );
}
