import { z } from '@hono/zod-openapi';
import { GraphIssue, joinStopAfter } from '@paybridge/engine';
import { FlowProblem } from '@paybridge/nodes/definitions';
import * as q from '../../db/queries/flows';
import {
  checkConnectionsForSave,
  graphProblems,
  validateForSave,
} from '../../flows/flow-validation';
import { ManualRunVersion, manualRunTarget } from '../../flows/manual-run-target';
import { planTestRun } from '../../runs/test-run';
import { copyName } from '../../flows/copy-name';
import {
  activateFlowVersion,
  checkedGraph,
  createFlow,
  deactivateFlowVersion,
  deleteFlowAndTrigger,
} from '../../flows/create-flow';
import { flowWarnings } from '../../flows/flow-warnings';
import { activeOverlapWarnings } from '../../flows/payment-overlap';
import { findCardData } from '../../ingest/card-data-guard';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import {
  Accepted,
  errorResponses,
  FlowDetail,
  FlowInput,
  FlowInvalidResponse,
  FlowSummary,
  FlowUpdate,
  FlowVersion,
  IdParam,
} from '../schemas';
import { jsonBody, jsonResponse } from '../openapi-helpers';

type FlowWithActive = Awaited<ReturnType<typeof q.listFlows>>[number];

function summary(row: FlowWithActive): z.infer<typeof FlowSummary> {
  return {
    id: row.flow.id,
    name: row.flow.name,
    description: row.flow.description,
    latestVersion: row.flow.latestVersion,
    active: row.active !== null,
    activeVersion: row.activeVersion,
    triggerType: row.active?.triggerType ?? null,
    triggerPath: row.active?.triggerPath ?? null,
    createdAt: row.flow.createdAt.toISOString(),
    updatedAt: row.flow.updatedAt.toISOString(),
  };
}

function versionDto(v: q.FlowVersionRow): z.infer<typeof FlowVersion> {
  return {
    id: v.id,
    version: v.version,
    message: v.message,
    triggerType: v.triggerType,
    triggerPath: v.triggerPath,
    createdAt: v.createdAt.toISOString(),
  };
}

const activate = activateFlowVersion;

async function detail(deps: AppDeps, flowId: string, versionNo?: number) {
  const row = await q.findFlow(deps.db, flowId);
  if (!row) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${flowId}`);
  const version = await q.findVersion(deps.db, flowId, versionNo ?? row.flow.latestVersion);
  if (!version) throw new ApiError(404, 'VERSION_NOT_FOUND', `Flow has no version ${versionNo}`);
  const warnings = flowWarnings(version.graph);
  if (row.active) {
    const live =
      row.active.versionId === version.id
        ? version
        : await q.findVersionById(deps.db, row.active.versionId);
    if (live) warnings.push(...(await activeOverlapWarnings(deps.db, flowId, live.graph)));
  }
  const problems = await graphProblems(version.graph, deps.connections);
  return {
    ...summary(row),
    version: { ...versionDto(version), graph: version.graph },
    warnings,
    problems,
  };
}

/**
 * Creates a flow from a graph that came from elsewhere (a file, another flow): always inactive,
 * named apart from the flows that exist, so a copy never starts charging orders beside its
 * original before someone looks at it and activates it on purpose.
 */
async function insertCopy(
  deps: AppDeps,
  input: { name: string; description: string; graph: unknown; message: string; draft: boolean },
) {
  const { graph, trigger } = await checkedGraph(deps, input.graph, input.draft);
  return q.insertFlow(deps.db, {
    name: copyName(input.name, await q.listFlowNames(deps.db)),
    description: input.description,
    graph,
    message: input.message,
    trigger,
  });
}

/** An exported flow file (`paybridge: "flow"`); other fields (`activate`, `active`) are ignored. */
const FlowImport = z
  .object({
    paybridge: z.literal('flow').optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    graph: z.unknown().openapi({ description: 'Flow graph: { nodes, edges }' }),
    message: z.string().max(1000).optional(),
  })
  .openapi('FlowImport');

/** Flows: create, save versions, list, inspect, activate, deactivate, delete, run by hand. */
export function flowRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'List flows',
        responses: { 200: jsonResponse(z.object({ flows: z.array(FlowSummary) }), 'Flows') },
      }),
      async (c) => {
        const rows = await q.listFlows(deps.db);
        return c.json({ flows: rows.map((r) => summary(r)) }, 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/',
        summary: 'Create a flow (version 1)',
        request: jsonBody(FlowInput),
        responses: {
          201: jsonResponse(FlowDetail, 'Created'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Trigger path in use'),
          422: jsonResponse(FlowInvalidResponse, 'Invalid graph: every problem by node and field'),
        },
      }),
      async (c) => {
        const { flowId } = await createFlow(deps, c, c.req.valid('json'));
        return c.json(await detail(deps, flowId), 201);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/import',
        summary:
          'Import an exported flow: created inactive, renamed "… (copy)" when the name exists',
        request: jsonBody(FlowImport),
        responses: {
          201: jsonResponse(FlowDetail, 'Imported (inactive)'),
          ...errorResponses,
          422: jsonResponse(FlowInvalidResponse, 'Invalid graph: every problem by node and field'),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { flow } = await insertCopy(deps, {
          name: input.name,
          description: input.description,
          graph: input.graph,
          message: input.message ?? 'Imported',
          draft: false,
        });
        await deps.audit.record(c, {
          action: 'flow.import',
          targetType: 'flow',
          targetId: flow.id,
          details: { name: flow.name, requestedName: input.name },
        });
        return c.json(await detail(deps, flow.id), 201);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/{id}/duplicate',
        summary: 'Copy a flow (its latest version) into a new inactive flow named "… (copy)"',
        request: { params: IdParam },
        responses: {
          201: jsonResponse(FlowDetail, 'Copied (inactive)'),
          ...errorResponses,
          422: jsonResponse(FlowInvalidResponse, 'Invalid graph: every problem by node and field'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const row = await q.findFlow(deps.db, id);
        if (!row) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        const latest = await q.findVersion(deps.db, id, row.flow.latestVersion);
        if (!latest) throw new ApiError(404, 'VERSION_NOT_FOUND', 'The flow has no saved version');
        const { flow } = await insertCopy(deps, {
          name: row.flow.name,
          description: row.flow.description,
          graph: latest.graph,
          message: `Copied from "${row.flow.name}" version ${latest.version}`,
          // A draft copies as a draft: what was saved is never refused on the way to its copy.
          draft: true,
        });
        await deps.audit.record(c, {
          action: 'flow.duplicate',
          targetType: 'flow',
          targetId: flow.id,
          details: { from: id, version: latest.version, name: flow.name },
        });
        return c.json(await detail(deps, flow.id), 201);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/validate',
        summary: 'Validate a graph without saving it',
        request: jsonBody(z.object({ graph: z.unknown() })),
        responses: {
          200: jsonResponse(
            z.object({
              ok: z.boolean(),
              issues: z.array(GraphIssue),
              problems: z.array(FlowProblem),
              warnings: z.array(z.string()).optional(),
            }),
            'Result',
          ),
        },
      }),
      async (c) => {
        try {
          const { graph } = validateForSave(c.req.valid('json').graph);
          await checkConnectionsForSave(graph, deps.connections);
          return c.json({ ok: true, issues: [], problems: [], warnings: flowWarnings(graph) }, 200);
        } catch (err) {
          if (err instanceof ApiError && err.status === 422) {
            const details = err.details as
              { issues?: GraphIssue[]; problems?: FlowProblem[] } | undefined;
            const issues = details?.issues ?? [{ path: [], code: err.code, message: err.message }];
            const problems = details?.problems ?? [
              { path: [], code: err.code, message: err.message, text: err.message },
            ];
            return c.json({ ok: false, issues, problems }, 200);
          }
          throw err;
        }
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}',
        summary: 'Get a flow with its latest version',
        request: { params: IdParam },
        responses: { 200: jsonResponse(FlowDetail, 'Flow'), ...errorResponses },
      }),
      async (c) => c.json(await detail(deps, c.req.valid('param').id), 200),
    )
    .openapi(
      apiRoute('editor', {
        method: 'put',
        path: '/{id}',
        summary: 'Save a new version of a flow (with `draft`, even with problems)',
        request: { params: IdParam, ...jsonBody(FlowUpdate) },
        responses: {
          200: jsonResponse(FlowDetail, 'Saved'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Trigger path in use'),
          422: jsonResponse(FlowInvalidResponse, 'Invalid graph: every problem by node and field'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        const draft = input.draft && !input.activate;
        const { graph, trigger } = await checkedGraph(deps, input.graph, draft);
        const saved = await q.insertVersion(deps.db, id, {
          graph,
          trigger,
          message: input.message,
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.description === undefined ? {} : { description: input.description }),
        });
        if (!saved) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        if (input.activate) await activate(deps, id, saved.version);
        await deps.audit.record(c, {
          action: 'flow.save',
          targetType: 'flow',
          targetId: id,
          details: {
            version: saved.version.version,
            message: input.message,
            activated: input.activate,
          },
        });
        return c.json(await detail(deps, id), 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'delete',
        path: '/{id}',
        summary: 'Delete a flow (its runs stay inspectable)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await deleteFlowAndTrigger(deps, id))) {
          throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        }
        await deps.audit.record(c, { action: 'flow.delete', targetType: 'flow', targetId: id });
        return c.body(null, 204);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/versions',
        summary: 'List the saved versions of a flow',
        request: { params: IdParam },
        responses: {
          200: jsonResponse(z.object({ versions: z.array(FlowVersion) }), 'Versions'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await q.findFlow(deps.db, id)))
          throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        const rows = await q.listVersions(deps.db, id);
        return c.json(
          { versions: rows.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) },
          200,
        );
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/versions/{version}',
        summary: 'Get one saved version with its graph',
        request: { params: IdParam.extend({ version: z.coerce.number().int().positive() }) },
        responses: { 200: jsonResponse(FlowDetail, 'Flow at that version'), ...errorResponses },
      }),
      async (c) => {
        const { id, version } = c.req.valid('param');
        return c.json(await detail(deps, id, version), 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/{id}/activate',
        summary:
          'Make a version live (the latest by default): one switch, no moment without a live version',
        request: {
          params: IdParam,
          body: {
            content: {
              'application/json': {
                schema: z.object({ version: z.number().int().positive().optional() }),
              },
            },
            required: false,
          },
        },
        responses: {
          200: jsonResponse(FlowDetail, 'Activated'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Trigger path in use'),
          422: jsonResponse(
            FlowInvalidResponse,
            'The version has problems: each by node and field',
          ),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const requested = (await c.req.json().catch(() => ({}))) as { version?: number };
        const row = await q.findFlow(deps.db, id);
        if (!row) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        const versionNo = requested.version ?? row.flow.latestVersion;
        const version = await q.findVersion(deps.db, id, versionNo);
        if (!version)
          throw new ApiError(404, 'VERSION_NOT_FOUND', `Flow has no version ${versionNo}`);
        await activate(deps, id, version);
        await deps.audit.record(c, {
          action: 'flow.activate',
          targetType: 'flow',
          targetId: id,
          details: { version: version.version, previousVersion: row.activeVersion },
        });
        return c.json(await detail(deps, id), 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'post',
        path: '/{id}/deactivate',
        summary: 'Deactivate a flow: its triggers stop accepting events',
        request: { params: IdParam },
        responses: { 200: jsonResponse(FlowDetail, 'Deactivated'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await q.findFlow(deps.db, id)))
          throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);
        await deactivateFlowVersion(deps, id);
        await deps.audit.record(c, { action: 'flow.deactivate', targetType: 'flow', targetId: id });
        return c.json(await detail(deps, id), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/{id}/run',
        summary:
          'Run a flow by hand with a payload (active version, else latest), optionally only up to a node',
        request: {
          params: IdParam,
          ...jsonBody(
            z.object({
              payload: z.unknown().default({}),
              /**
               * Run only up to this node, or up to these nodes (e.g. the ways into a merge, of
               * which the run takes the one its data takes): nothing after them runs.
               */
              stopAfter: z
                .union([
                  z.string().min(1).max(200),
                  z.array(z.string().min(1).max(200)).min(1).max(50),
                ])
                .optional(),
              version: ManualRunVersion.optional(),
              /**
               * A test run ("Execute previous nodes"): live PayTrace connections go to the
               * simulator and its effects are recorded apart, unless live calls are confirmed.
               */
              test: z.boolean().optional(),
              liveCalls: z.literal('confirmed').optional(),
            }),
          ),
        },
        responses: {
          202: jsonResponse(Accepted, 'Queued'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'No active version'),
          422: jsonResponse(
            FlowInvalidResponse,
            'The version has problems: each by node and field',
          ),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const payload = body.payload ?? {};
        const cardField = findCardData(payload);
        if (cardField) {
          throw new ApiError(
            400,
            'CARD_DATA_REFUSED',
            `Field payload.${cardField} holds card data; Paybridge never stores card numbers or security codes`,
          );
        }
        if (body.liveCalls !== undefined && body.test !== true) {
          throw new ApiError(
            400,
            'LIVE_CALLS_WITHOUT_TEST',
            'liveCalls: only a test run (test: true) asks for live calls to be confirmed',
          );
        }
        const stops = typeof body.stopAfter === 'string' ? [body.stopAfter] : body.stopAfter;
        const stopAfter = stops === undefined ? undefined : joinStopAfter(stops);
        const target = await manualRunTarget(deps.db, id, {
          ...(body.version === undefined ? {} : { version: body.version }),
          ...(stops === undefined ? {} : { stopAfter: stops }),
        });
        const testMode =
          body.test === true
            ? await planTestRun({
                graph: target.graph,
                stopAfter,
                liveCalls: body.liveCalls,
                connections: deps.connections,
                paytraceSimulator: deps.simulatorUrls().paytrace !== undefined,
              })
            : undefined;
        const result = await deps.ingest.write({
          source: 'manual',
          payload,
          runs: [
            {
              flowId: id,
              versionId: target.versionId,
              ...(stopAfter === undefined ? {} : { stopAfter }),
              ...(testMode === undefined ? {} : { testMode }),
            },
          ],
        });
        await deps.audit.record(c, {
          action: 'flow.run',
          targetType: 'flow',
          targetId: id,
          details: {
            eventId: result.eventId,
            version: target.version,
            ...(stops === undefined ? {} : { stopAfter: stops }),
            ...(testMode === undefined ? {} : { test: testMode }),
          },
        });
        return c.json(
          {
            runId: result.kind === 'conflict' ? '' : result.runIds[0]!,
            eventId: result.eventId,
            status: 'queued',
          },
          202,
        );
      },
    );
}
