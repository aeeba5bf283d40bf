import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import {
  credentialedNodeIds,
  redactRunError,
  seesCredentialEchoes,
} from '../../connections/run-data-redaction';
import {
  deadLetterGroups,
  listDeadLetters,
  resolveDeadLetters,
  type DeadLetterFilters,
  type DeadLetterRow,
} from '../../db/queries/dead-letters';
import * as q from '../../db/queries/runs';
import { decodeCursor, encodeCursor } from '../../runs/run-cursor';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import {
  BULK_LIMIT,
  DeadLetter,
  DeadLetterGroups,
  DeadLetterList,
  DeadLetterOpenFilter,
  ResolveDeadLetters,
  ResolvedDeadLetters,
} from '../run-schemas';
import { ErrorResponse, errorResponses, IdParam } from '../schemas';

/** Repeated or comma-separated values of one query parameter. */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .openapi({ type: 'string', description: 'One or more values, comma-separated or repeated' });

const Filters = z.object({
  /** true: open (default); false: resolved; all: both. */
  open: DeadLetterOpenFilter.default('true'),
  flowId: list.pipe(z.array(z.string().uuid())).optional(),
  /** Error codes, e.g. `HTTP_400`, `MAPPING_FAILED`. */
  code: list.optional(),
});

function filtersOf(f: z.infer<typeof Filters>): DeadLetterFilters {
  return {
    ...(f.open === 'all' ? {} : { open: f.open === 'true' }),
    flowId: f.flowId,
    code: f.code,
  };
}

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Dead letters: a list, the groups an operator works through, resolving one or many. */
export function deadLetterRoutes(deps: AppDeps) {
  /** A dead letter as `role` may see it: an error after a credentialed node loses its text. */
  async function shown(rows: DeadLetterRow[], role: Parameters<typeof seesCredentialEchoes>[0]) {
    const graphs = seesCredentialEchoes(role)
      ? new Map()
      : await q.graphsOfVersions(
          deps.db,
          rows.flatMap((r) => (r.flow_version_id ? [r.flow_version_id] : [])),
        );
    return rows.map((r): z.infer<typeof DeadLetter> => {
      const graph = r.flow_version_id ? graphs.get(r.flow_version_id) : undefined;
      const credentialed =
        !seesCredentialEchoes(role) && (graph === undefined || credentialedNodeIds(graph).size > 0);
      const error = redactRunError(r.error, credentialed, role) as Record<string, unknown>;
      return {
        id: r.id,
        runId: r.run_id,
        flowId: r.flow_id,
        flowName: r.flow_name,
        flowVersionId: r.flow_version_id,
        nodeId: r.node_id,
        error: {
          errorClass: text(error.errorClass),
          code: text(error.code),
          message: text(error.message) ?? '',
        },
        reason: credentialed
          ? `${text(error.errorClass) ?? 'error'}: ${text(error.code) ?? ''}`
          : r.reason,
        createdAt: r.created_at.toISOString(),
        resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
        resolution: r.resolution,
        runStatus: r.run_status,
      };
    });
  }

  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'Runs that failed for good and wait for a person, newest first',
        request: {
          query: Filters.extend({
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: jsonResponse(DeadLetterList, 'Dead letters'), ...errorResponses },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const after = query.cursor === undefined ? null : decodeCursor('c', query.cursor);
        if (query.cursor !== undefined && !after) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'cursor: not a cursor this API gave out');
        }
        const rows = await listDeadLetters(deps.sql, filtersOf(query), after, query.limit);
        const last = rows.length === query.limit ? rows[rows.length - 1] : undefined;
        return c.json(
          {
            deadLetters: await shown(rows, actorOf(c).role),
            nextCursor: last ? encodeCursor('c', { key: last.created_key, id: last.id }) : null,
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/groups',
        summary: 'Dead letters grouped by flow and error code, most recent first',
        request: { query: Filters },
        responses: { 200: jsonResponse(DeadLetterGroups, 'Groups'), ...errorResponses },
      }),
      async (c) => {
        const rows = await deadLetterGroups(deps.sql, filtersOf(c.req.valid('query')));
        return c.json(
          {
            groups: rows.map((g) => ({
              flowId: g.flow_id,
              flowName: g.flow_name,
              code: g.code,
              count: g.count,
              firstSeen: g.first_seen.toISOString(),
              lastSeen: g.last_seen.toISOString(),
              sampleRunId: g.sample_run_id,
              sampleMessage: seesCredentialEchoes(actorOf(c).role)
                ? g.sample_message
                : `${g.code ?? 'error'}`,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/resolve',
        summary: 'Resolve many open dead letters (by ids, or a whole group) with a note',
        request: jsonBody(ResolveDeadLetters),
        responses: { 200: jsonResponse(ResolvedDeadLetters, 'Resolved'), ...errorResponses },
      }),
      async (c) => {
        const body = c.req.valid('json');
        if ((body.ids === undefined) === (body.group === undefined)) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'Give either ids or group');
        }
        const ids = await resolveDeadLetters(
          deps.sql,
          body.ids ? { ids: body.ids } : body.group!,
          body.resolution,
          BULK_LIMIT,
        );
        await deps.audit.record(c, {
          action: 'deadletter.resolve',
          targetType: 'dead-letter',
          ...(ids.length === 1 ? { targetId: ids[0]! } : {}),
          details: {
            resolution: body.resolution,
            count: ids.length,
            ...(body.group ? { group: body.group } : { ids }),
          },
        });
        return c.json({ resolved: ids.length, ids }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/{id}/resolve',
        summary: 'Mark a dead letter as handled, with a note saying how',
        request: {
          params: IdParam,
          ...jsonBody(z.object({ resolution: z.string().trim().min(1).max(2000) })),
        },
        responses: {
          200: jsonResponse(z.object({ id: z.string(), resolvedAt: z.string() }), 'Resolved'),
          ...errorResponses,
          409: jsonResponse(ErrorResponse, 'Already resolved'),
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
