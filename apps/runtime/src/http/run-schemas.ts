import { z } from '@hono/zod-openapi';
import { RunStatus, RunStep, RunSummary } from './schemas';

/**
 * Shapes of the operations console's runs and dead-letter API: what an operator sees of a run
 * (its status as a person reads it, where it came from, how often it was tried) and what the
 * bulk actions and dead-letter groups answer. The editor consumes the inferred types.
 */

/**
 * A run's status as an operator reads it. `retrying`: waiting for its next automatic attempt
 * after a transient error; `waiting`: suspended otherwise (a delay, a pay link);
 * `dead-lettered`: failed with an open dead letter; `failed`: failed and its dead letter resolved.
 */
export const OperatorRunStatus = z
  .enum([
    'queued',
    'running',
    'waiting',
    'retrying',
    'succeeded',
    'declined',
    'failed',
    'dead-lettered',
    'cancelled',
  ])
  .openapi('OperatorRunStatus');
export type OperatorRunStatus = z.infer<typeof OperatorRunStatus>;

/**
 * What started a run: a webhook (Shopify or REST trigger), Shopify reconciliation (the poller
 * found a change no webhook brought), a schedule, a manual run from the editor or API, or an
 * operator's replay of another run.
 */
export const RunSource = z
  .enum(['webhook', 'reconciliation', 'schedule', 'manual', 'replay'])
  .openapi('RunSource');
export type RunSource = z.infer<typeof RunSource>;

/** The error class of a failed step, as the engine classifies it. */
export const ErrorClass = z.enum(['transient', 'business', 'permanent']).openapi('ErrorClass');

/** A run's or dead letter's error without its details: what lists show. */
export const RunErrorSummary = z
  .object({
    errorClass: z.string().nullable(),
    code: z.string().nullable(),
    message: z.string(),
  })
  .openapi('RunErrorSummary');

/** A list of values in one query parameter: repeated (`a=1&a=2`) or comma-separated (`a=1,2`). */
function listParam<T extends z.ZodType<string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v, ctx) => {
      const parts = (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const out: z.infer<T>[] = [];
      for (const part of parts) {
        const parsed = item.safeParse(part);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: `unexpected value "${part}"` });
          return z.NEVER;
        }
        out.push(parsed.data as z.infer<T>);
      }
      return out;
    })
    .openapi({ type: 'string', description: 'One or more values, comma-separated or repeated' });
}

/** The filters of the runs list; bulk actions take the same ones. */
export const RunFilterFields = {
  /** Operator statuses, several allowed. */
  status: listParam(OperatorRunStatus).optional(),
  /** Flow ids, several allowed. */
  flowId: listParam(z.string().uuid()).optional(),
  /** Trigger sources, several allowed. */
  source: listParam(RunSource).optional(),
  /** Created at or after. */
  since: z.coerce.date().optional(),
  /** Created at or before. */
  until: z.coerce.date().optional(),
  /**
   * A business reference: a Shopify order id or name (`#1002`), a PayTrace transaction id, an ERP
   * document reference. Finds the runs whose events or effects carry it.
   */
  q: z.string().trim().min(1).max(200).optional(),
};

export const RunListQuery = z.object({
  ...RunFilterFields,
  /** Opaque cursor from `nextCursor`: the next (older) page. */
  cursor: z.string().max(200).optional(),
  /** Older cursor: runs created strictly before this instant. Prefer `cursor`. */
  before: z.coerce.date().optional(),
  /**
   * Live updates: the `changesCursor` of an earlier answer. The answer then holds the runs
   * (matching the filters) changed since, oldest change first; upsert them by id.
   */
  updatedSince: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** One row of the runs list. */
export const RunListItem = RunSummary.extend({
  flowName: z.string().nullable(),
  operatorStatus: OperatorRunStatus,
  source: RunSource,
  /** The highest attempt of any of its steps (1 when nothing was retried; 0 before any step). */
  attempts: z.number().int(),
  /** Executions the worker started (resumptions after waits and crashes included). */
  executions: z.number().int(),
  /** From start to finish, or to now while it runs; null before it started. */
  durationMs: z.number().int().nullable(),
  /** The next automatic attempt (retrying) or resumption (waiting); null otherwise. */
  nextAttemptAt: z.string().nullable(),
  /** The open dead letter of a dead-lettered run. */
  deadLetterId: z.string().nullable(),
  updatedAt: z.string(),
}).openapi('RunListItem');

export const RunList = z
  .object({
    runs: z.array(RunListItem),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** Older paging: pass as `before`. */
    nextBefore: z.string().nullable(),
    /** Pass as `updatedSince` to get the runs changed after this answer. */
    changesCursor: z.string(),
  })
  .openapi('RunList');

export const OperatorRunCounts = z
  .object({
    counts: z.record(RunStatus, z.number().int()),
    operatorCounts: z.record(OperatorRunStatus, z.number().int()),
  })
  .openapi('RunCountsByStatus');

/** A connector call's request and answer as far as a failed step's error carries them. */
export const HttpExchange = z
  .object({
    method: z.string().nullable(),
    /** Host (and path when known); never a query string, which may carry keys. */
    target: z.string().nullable(),
    status: z.number().int().nullable(),
    /** The answer's body (JSON or text), cut to 4 KB; secrets scrubbed. */
    responseBody: z.string().nullable(),
  })
  .openapi('HttpExchange');

export const RunDetailStep = RunStep.extend({
  /** Absent or null when the step made no connector call that failed. */
  http: HttpExchange.nullable().optional(),
}).openapi('RunDetailStep');

/** A node's summary over its steps in a run, for painting the canvas. */
export const RunNodeSummary = z
  .object({
    nodeId: z.string(),
    nodeType: z.string(),
    /** The latest step's status (`succeeded`, `failed`, `retrying`, `suspended`, ...). */
    status: z.string(),
    attempts: z.number().int(),
    /** Sum of its steps' durations. */
    durationMs: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string(),
    /** When it is tried again (retrying) or resumes (suspended). */
    nextAttemptAt: z.string().nullable(),
    errorCode: z.string().nullable(),
  })
  .openapi('RunNodeSummary');

/** Another run of the same event, or one replaying this one or replayed by it. */
export const RelatedRun = z
  .object({
    id: z.string(),
    /** parent: this run replays it; child: it replays this run; sibling: same event otherwise. */
    relation: z.enum(['parent', 'child', 'sibling']),
    flowId: z.string(),
    status: RunStatus,
    operatorStatus: OperatorRunStatus,
    createdAt: z.string(),
  })
  .openapi('RelatedRun');

/** An ERP document a run posted or found, as the ERP shows it. */
export const RunErpDocument = z
  .object({
    /** The built-in ledger, or a QuickBooks Online company. */
    system: z.enum(['built-in', 'quickbooks']),
    /** invoice, payment, credit-memo, journal, dispute, customer. */
    type: z.string(),
    /** Its number there: the ledger's reference, QuickBooks' DocNumber or payment reference number, a customer's display name. */
    number: z.string(),
    /** The external reference Paybridge posted it with. */
    reference: z.string(),
    /** A customer's name; null for other documents. */
    name: z.string().nullable(),
  })
  .openapi('RunErpDocument');

/** A document or transaction a run's effects created or found (effect records). */
export const RunDocument = z
  .object({
    kind: z.enum(['paytrace-transaction', 'shopify', 'erp-document', 'other']),
    /** The effect's operation, e.g. `sale`, `refund`, `invoice`, `payment`. */
    operation: z.string().nullable(),
    nodeId: z.string(),
    /** pending (outcome unknown yet), settled, released (no effect). */
    status: z.enum(['pending', 'settled', 'released']),
    /** The remote id: PayTrace transaction id, Shopify GID, ERP document id. */
    remoteId: z.string().nullable(),
    /** The reference Paybridge sent (PayTrace invoice id, ERP document reference). */
    reference: z.string(),
    /** The Shopify order this effect concerns, when keyed by one. */
    shopifyOrderId: z.string().nullable(),
    amountMinor: z.number().int().nullable(),
    /** Ledger lookup for ERP documents of the built-in ledger: GET /api/ledger/documents/{type}/{ref}. */
    ledger: z.object({ type: z.string(), ref: z.string() }).nullable(),
    /** For an ERP posting: the document as the ERP names it, so it can be found there. */
    erp: RunErpDocument.nullable(),
    /** True when another run created it and this one found it (exactly-once at work). */
    foundExisting: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('RunDocument');

export const OperatorRunDetail = RunListItem.extend({
  response: z.unknown().nullable(),
  trigger: z.unknown(),
  dataPrunedAt: z.string().nullable(),
  flowVersion: z.number().int(),
  steps: z.array(RunDetailStep),
  nodes: z.array(RunNodeSummary),
  related: z.array(RelatedRun),
  documents: z.array(RunDocument),
  /** OpenTelemetry trace id (32 hex digits) of the run's trace; absent when tracing was off. */
  traceId: z.string().optional(),
}).openapi('OperatorRunDetail');

export const ReplayBody = z
  .object({
    /** The edited trigger payload; the original event's payload when absent. */
    payload: z.unknown().optional(),
    /** A note for the audit log and, for a dead-lettered run, its dead letter's resolution. */
    note: z.string().trim().max(2000).optional(),
    /**
     * Only for the replay of a test run, which is a test run again (live PayTrace on the
     * simulator): confirms live calls for this replay. A confirmation of the original does not
     * carry over.
     */
    liveCalls: z.literal('confirmed').optional(),
  })
  .openapi('ReplayBody');

export const ReplayAccepted = z
  .object({
    runId: z.string(),
    replayOf: z.string(),
    status: z.literal('queued'),
    eventId: z.string(),
    edited: z.boolean(),
    /** The dead letter of the replayed run this replay resolved. */
    resolvedDeadLetterId: z.string().nullable(),
    /** Set when the replay is a test run (the replay of a test run), as the runs list shows it. */
    test: z.enum(['simulator', 'live']).nullable(),
  })
  .openapi('ReplayAccepted');

/** Most runs one bulk operation covers. */
export const BULK_LIMIT = 1000;

export const BulkAction = z.enum(['retry', 'replay', 'cancel']).openapi('BulkAction');

export const BulkRequest = z
  .object({
    action: BulkAction,
    /** The runs, or… */
    runIds: z.array(z.string().uuid()).min(1).max(BULK_LIMIT).optional(),
    /** …the runs matching the list's filters (at most 1,000). */
    filter: z
      .object({
        status: z.array(OperatorRunStatus).optional(),
        flowId: z.array(z.string().uuid()).optional(),
        source: z.array(RunSource).optional(),
        since: z.string().datetime({ offset: true }).optional(),
        until: z.string().datetime({ offset: true }).optional(),
        q: z.string().trim().min(1).max(200).optional(),
      })
      .optional(),
    /** For retries: continue on the same version or the latest. */
    version: z.enum(['same', 'latest']).default('same'),
  })
  .openapi('BulkRequest');

export const BulkAccepted = z
  .object({ operationId: z.string(), total: z.number().int() })
  .openapi('BulkAccepted');

export const BulkProgress = z
  .object({
    operationId: z.string(),
    action: BulkAction,
    total: z.number().int(),
    processed: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(z.object({ runId: z.string(), reason: z.string() })),
    /** Statuses of the runs the accepted items started or changed. */
    outcome: z.object({
      succeeded: z.number().int(),
      failed: z.number().int(),
      declined: z.number().int(),
      cancelled: z.number().int(),
      /** Queued, running, waiting or retrying. */
      running: z.number().int(),
    }),
    /** All items handled and every resulting run finished. */
    done: z.boolean(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('BulkProgress');

export const DeadLetterOpenFilter = z.enum(['true', 'false', 'all']);

export const DeadLetter = z
  .object({
    id: z.string(),
    runId: z.string(),
    flowId: z.string(),
    flowName: z.string().nullable(),
    flowVersionId: z.string().nullable(),
    nodeId: z.string(),
    error: RunErrorSummary,
    reason: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
    runStatus: OperatorRunStatus.nullable(),
  })
  .openapi('DeadLetter');

export const DeadLetterList = z
  .object({ deadLetters: z.array(DeadLetter), nextCursor: z.string().nullable() })
  .openapi('DeadLetterList');

export const DeadLetterGroup = z
  .object({
    flowId: z.string(),
    flowName: z.string().nullable(),
    code: z.string().nullable(),
    count: z.number().int(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    sampleRunId: z.string(),
    sampleMessage: z.string(),
  })
  .openapi('DeadLetterGroup');

export const DeadLetterGroups = z
  .object({ groups: z.array(DeadLetterGroup) })
  .openapi('DeadLetterGroups');

export const ResolveDeadLetters = z
  .object({
    ids: z.array(z.string().uuid()).min(1).max(BULK_LIMIT).optional(),
    /** Every open dead letter of a flow with this error code (`code: null`: no code). */
    group: z.object({ flowId: z.string().uuid(), code: z.string().nullable() }).optional(),
    resolution: z.string().trim().min(1).max(2000),
  })
  .openapi('ResolveDeadLetters');

export const ResolvedDeadLetters = z
  .object({ resolved: z.number().int(), ids: z.array(z.string()) })
  .openapi('ResolvedDeadLetters');
