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
import * as q from '../../db/queries/runs';
import { cancelRun } from '../../jobs/run-cancel';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { errorResponses, IdParam, RunDetail, RunStatus, RunSummary } from '../schemas';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { traceIdField } from '../../observability/tracing';

type RunRow = Awaited<ReturnType<typeof q.listRuns>>[number];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function runSummary(r: RunRow): z.infer<typeof RunSummary> {
  return {
    id: r.id,
    flowId: r.flowId,
    flowVersionId: r.flowVersionId,
    eventId: r.eventId,
    status: r.status,
    parentRunId: r.parentRunId,
    stopAfter: r.stopAfter,
    failedNodeId: r.failedNodeId,
    error: r.error ?? null,
    resumeAt: iso(r.resumeAt),
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

const ListQuery = z.object({
  flowId: z.string().uuid().optional(),
  status: RunStatus.optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

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

const RunCounts = z.object({ counts: z.record(RunStatus, z.number().int()) }).openapi('RunCounts');

/** Runs: list with filters, inspect with every step, retry from the failed step, replay. */
export function runRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/runs',
        summary: 'List runs, newest first',
        request: { query: ListQuery },
        responses: {
          200: jsonResponse(
            z.object({ runs: z.array(RunSummary), nextBefore: z.string().nullable() }),
            'Runs',
          ),
          ...errorResponses,
        },
      }),
      async (c) => {
        const f = c.req.valid('query');
        const rows = await q.listRuns(deps.db, f);
        const last = rows.length === f.limit ? rows[rows.length - 1] : undefined;
        const shown = await withheldErrors(deps, actorOf(c).role, rows.map(runSummary));
        return c.json({ runs: shown, nextBefore: last ? last.createdAt.toISOString() : null }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/runs/counts',
        summary: 'Count runs by status (every status, zero included)',
        request: { query: ListQuery.pick({ flowId: true, since: true, until: true }) },
        responses: {
          200: jsonResponse(RunCounts, 'Runs per status'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const found = await q.countRunsByStatus(deps.db, c.req.valid('query'));
        const counts = Object.fromEntries(
          RunStatus.options.map((s) => [s, found[s] ?? 0]),
        ) as z.infer<typeof RunCounts>['counts'];
        return c.json({ counts }, 200);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/runs/{id}',
        summary: 'Get a run with its trigger data and every step',
        request: { params: IdParam },
        responses: { 200: jsonResponse(RunDetail, 'Run'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const d = await q.getRunDetail(deps.db, id);
        if (!d) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        const detail = {
          ...runSummary(d.run),
          response: d.run.response ?? null,
          trigger: d.payload,
          dataPrunedAt: iso(d.run.dataPrunedAt),
          flowVersion: d.version,
          ...traceIdField(d.run.traceParent),
          steps: d.steps.map((s) => ({
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
          })),
        };
        const graph = (await q.graphsOfVersions(deps.db, [d.run.flowVersionId])).get(
          d.run.flowVersionId,
        );
        return c.json(
          redactRunData(detail, credentialedNodeIds(graph, detail.steps), actorOf(c).role),
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/runs/{id}/retry',
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
        path: '/runs/{id}/cancel',
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
        path: '/runs/{id}/replay',
        summary: "Replay a run's event as a new run (active version of its flow, else latest)",
        request: { params: IdParam },
        responses: {
          202: jsonResponse(
            z.object({ runId: z.string(), replayOf: z.string(), status: z.string() }),
            'Queued',
          ),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Trigger data pruned'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const d = await q.getRunDetail(deps.db, id);
        if (!d) throw new ApiError(404, 'RUN_NOT_FOUND', `No run with id ${id}`);
        if (d.run.dataPrunedAt && d.payload === null) {
          throw new ApiError(
            409,
            'RUN_DATA_PRUNED',
            `Run ${id} cannot be replayed: its trigger data was removed by the retention policy (PAYBRIDGE_RETENTION_DAYS)`,
          );
        }
        const flow = await findFlow(deps.db, d.run.flowId);
        if (!flow) throw new ApiError(404, 'FLOW_NOT_FOUND', 'The run belongs to a deleted flow');
        const versionId =
          flow.active?.versionId ??
          (await findVersion(deps.db, flow.flow.id, flow.flow.latestVersion))!.id;
        const runId = await q.createReplayRun(deps.sql, d.run, versionId);
        await deps.audit.record(c, {
          action: 'run.replay',
          targetType: 'run',
          targetId: id,
          details: { newRunId: runId },
        });
        return c.json({ runId, replayOf: id, status: 'queued' }, 202);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/dead-letters',
        summary: 'Runs that failed for good and wait for a person',
        request: {
          query: z.object({
            open: z.enum(['true', 'false']).default('true'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: {
          200: jsonResponse(z.object({ deadLetters: z.array(z.unknown()) }), 'Dead letters'),
        },
      }),
      async (c) => {
        const { open, limit } = c.req.valid('query');
        const rows = await q.listDeadLetters(deps.db, open === 'true', limit);
        const shown = await withheldErrors(deps, actorOf(c).role, [...rows] as {
          flowVersionId: string | null;
          error: unknown;
        }[]);
        return c.json({ deadLetters: shown }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/dead-letters/{id}/resolve',
        summary: 'Mark a dead letter as handled, with a note saying how',
        request: {
          params: IdParam,
          ...jsonBody(z.object({ resolution: z.string().trim().min(1).max(2000) })),
        },
        responses: {
          200: jsonResponse(z.object({ id: z.string(), resolvedAt: z.string() }), 'Resolved'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Already resolved'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { resolution } = c.req.valid('json');
        const resolvedAt = await q.resolveDeadLetter(deps.sql, id, resolution);
        if (!resolvedAt)
          throw new ApiError(409, 'DEAD_LETTER_NOT_OPEN', `No open dead letter with id ${id}`);
        await deps.audit.record(c, {
          action: 'deadletter.resolve',
          targetType: 'dead-letter',
          targetId: id,
          details: { resolution },
        });
        return c.json({ id, resolvedAt: resolvedAt.toISOString() }, 200);
      },
    );
}
