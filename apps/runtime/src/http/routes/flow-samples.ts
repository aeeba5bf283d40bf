import { z } from '@hono/zod-openapi';
import { NodeId } from '@paybridge/engine';
import * as q from '../../db/queries/flow-samples';
import { findCardData } from '../../ingest/card-data-guard';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { errorResponses, IdParam } from '../schemas';
import { jsonBody, jsonResponse } from '../openapi-helpers';

const SampleParam = IdParam.extend({
  nodeId: z.string().refine((id) => NodeId.safeParse(id).success, {
    message: 'a node id: letters, digits, "_" or "-", starting with a letter, at most 64',
  }),
});

const Sample = z
  .object({ nodeId: z.string(), payload: z.unknown(), updatedAt: z.string() })
  .openapi('FlowSample');

const notFound = (id: string) => new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${id}`);

/**
 * Sample payloads pinned on a flow's nodes, shared by everyone who edits the flow: the editor
 * previews mappings and starts test runs with them. A sample is whatever JSON the body is (up to
 * the API body limit), except card data, which Paybridge never stores, exactly as at ingress.
 */
export function flowSampleRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/samples',
        summary: "List the sample payloads pinned on a flow's nodes",
        request: { params: IdParam },
        responses: {
          200: jsonResponse(z.object({ samples: z.array(Sample) }), 'Samples'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const samples = await q.listSamples(deps.sql, id);
        if (!samples) throw notFound(id);
        return c.json(
          { samples: samples.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() })) },
          200,
        );
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'put',
        path: '/{id}/samples/{nodeId}',
        summary: "Pin a node's sample payload (the body, any JSON), replacing an earlier one",
        request: { params: SampleParam, ...jsonBody(z.unknown()) },
        responses: {
          200: jsonResponse(Sample, 'Pinned'),
          ...errorResponses,
          422: jsonResponse(z.unknown(), 'Too many samples'),
        },
      }),
      async (c) => {
        const { id, nodeId } = c.req.valid('param');
        const payload = c.req.valid('json');
        const cardField = findCardData(payload);
        if (cardField) {
          throw new ApiError(
            400,
            'CARD_DATA_REFUSED',
            `Field ${cardField} holds card data; Paybridge never stores card numbers or security codes. Use a PayTrace vault customer id or a Protect.js token in samples instead`,
          );
        }
        const result = await q.pinSample(deps.sql, id, nodeId, payload);
        if (result === 'no-flow') throw notFound(id);
        if (result === 'too-many') {
          throw new ApiError(
            422,
            'TOO_MANY_SAMPLES',
            `A flow keeps at most ${q.MAX_SAMPLES_PER_FLOW} samples; unpin some first`,
          );
        }
        await deps.audit.record(c, {
          action: 'flow.sample.pin',
          targetType: 'flow',
          targetId: id,
          details: { nodeId },
        });
        return c.json({ nodeId, payload, updatedAt: new Date().toISOString() }, 200);
      },
    )
    .openapi(
      apiRoute('editor', {
        method: 'delete',
        path: '/{id}/samples/{nodeId}',
        summary: "Unpin a node's sample payload",
        request: { params: SampleParam },
        responses: { 204: { description: 'Unpinned' }, ...errorResponses },
      }),
      async (c) => {
        const { id, nodeId } = c.req.valid('param');
        if (!(await q.unpinSample(deps.sql, id, nodeId))) {
          if (!(await q.listSamples(deps.sql, id))) throw notFound(id);
          throw new ApiError(404, 'SAMPLE_NOT_FOUND', `Node ${nodeId} has no pinned sample`);
        }
        await deps.audit.record(c, {
          action: 'flow.sample.unpin',
          targetType: 'flow',
          targetId: id,
          details: { nodeId },
        });
        return c.body(null, 204);
      },
    );
}
