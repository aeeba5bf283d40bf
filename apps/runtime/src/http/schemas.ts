import { z } from '@hono/zod-openapi';
import { FlowGraph, GraphIssue } from '@paybridge/engine';
import { FlowProblem } from '@paybridge/nodes/definitions';

/** Shapes the API answers with; the editor's typed client sees exactly these. */
export const ErrorResponse = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Error');

/** A 422 for a flow that cannot be kept or go live: every problem by node label and field title. */
export const FlowInvalidResponse = z
  .object({
    error: z.object({
      code: z.literal('FLOW_INVALID'),
      message: z.string(),
      details: z.object({ issues: z.array(GraphIssue), problems: z.array(FlowProblem) }),
    }),
  })
  .openapi('FlowInvalid');

export const errorResponses = {
  400: {
    description: 'Invalid request',
    content: { 'application/json': { schema: ErrorResponse } },
  },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorResponse } } },
} as const;

export const IdParam = z.object({ id: z.string().uuid() });

export const FlowSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.number().int(),
    active: z.boolean(),
    activeVersion: z.number().int().nullable(),
    triggerType: z.string().nullable(),
    triggerPath: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('FlowSummary');

export const FlowVersion = z
  .object({
    id: z.string(),
    version: z.number().int(),
    message: z.string(),
    triggerType: z.string(),
    triggerPath: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('FlowVersion');

/** A saved version with its graph: the engine's own graph schema, so the editor reads its type. */
export const FlowVersionWithGraph = FlowVersion.extend({ graph: FlowGraph }).openapi(
  'FlowVersionWithGraph',
);

export const FlowDetail = FlowSummary.extend({
  version: FlowVersionWithGraph,
  /** Things that work but deserve attention, e.g. a REST trigger without authentication. */
  warnings: z.array(z.string()),
  /**
   * What keeps this version (a draft) from going live, each naming the node by its label and the
   * field by its title; empty for a valid version.
   */
  problems: z.array(FlowProblem),
}).openapi('FlowDetail');

export const FlowInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    graph: z.unknown().openapi({ description: 'Flow graph: { nodes, edges }' }),
    message: z.string().max(1000).default(''),
    activate: z.boolean().default(false),
    /**
     * Keep the graph even with problems (a required field empty, no connection yet): saved as a
     * draft, its problems listed in the answer's `problems`. Activation still needs a valid graph.
     */
    draft: z.boolean().default(false),
  })
  .openapi('FlowInput');

export const FlowUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).optional(),
    graph: z.unknown(),
    message: z.string().max(1000).default(''),
    activate: z.boolean().default(false),
    /**
     * Keep the graph even with problems (a required field empty, no connection yet): saved as a
     * draft, its problems listed in the answer's `problems`. Activation still needs a valid graph.
     */
    draft: z.boolean().default(false),
  })
  .openapi('FlowUpdate');

export const RunStatus = z.enum([
  'queued',
  'running',
  'waiting',
  'succeeded',
  'declined',
  'failed',
  'cancelled',
]);

export const RunSummary = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersionId: z.string(),
    eventId: z.string(),
    status: RunStatus,
    parentRunId: z.string().nullable(),
    /** Set when the run was started to run only up to this node (several: comma-separated). */
    stopAfter: z.string().nullable(),
    /**
     * A test run ("Execute previous nodes"): `simulator` when its live PayTrace connections went
     * to the simulator and its effects were recorded apart; `live` when live calls were
     * confirmed. Null for a real run.
     */
    test: z.enum(['simulator', 'live']).nullable(),
    failedNodeId: z.string().nullable(),
    error: z.unknown().nullable(),
    resumeAt: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('RunSummary');

export const RunStep = z
  .object({
    seq: z.number().int(),
    nodeId: z.string(),
    nodeType: z.string(),
    attempt: z.number().int(),
    status: z.string(),
    port: z.string().nullable(),
    input: z.unknown(),
    output: z.unknown(),
    error: z.unknown().nullable(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    resumeAt: z.string().nullable(),
  })
  .openapi('RunStep');

export const Accepted = z
  .object({ runId: z.string(), eventId: z.string(), status: z.string() })
  .openapi('Accepted');
