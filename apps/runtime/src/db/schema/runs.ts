import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RunResponse, StepError } from '@paybridge/engine';
import { flows, flowVersions } from './flows';
import { jsonbValue, jsonValue } from './json-columns';

/**
 * Everything that came in: one row per accepted trigger request, unique on its source's own id
 * so that a redelivery is recognised and creates nothing.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /**
     * The trigger data as received, in `json` so its text (and so its keys' order) is kept:
     * `$keys`, `$each` and re-signed bodies see what the sender sent.
     */
    payload: jsonValue('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * SHA-256 of the delivered body, for sources that dedupe on a delivery id: the same id with
     * another body is a new event (stored under a distinct key), never a swallowed duplicate.
     */
    bodyHash: text('body_hash'),
    /**
     * Set when the retention job dropped the payload (then JSON `null`): every run of the event
     * had finished well and aged out. The row stays, so a redelivery is still recognised.
     */
    prunedAt: timestamp('pruned_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('events_source_external_uq').on(t.source, t.externalId),
    /**
     * Search by business reference: a Shopify resource's id, an order's name, a refund's order.
     * Only Shopify events are indexed: other sources carry no such fields, and each index reads
     * the stored JSON again on insert, a cost every large REST body would otherwise pay.
     */
    index('events_body_id_idx')
      .on(sql`((${t.payload} -> 'body') ->> 'id')`)
      .where(sql`${t.source} like 'shopify:%'`),
    index('events_body_name_idx')
      .on(sql`((${t.payload} -> 'body') ->> 'name')`)
      .where(sql`${t.source} like 'shopify:%'`),
    index('events_body_order_id_idx')
      .on(sql`((${t.payload} -> 'body') ->> 'order_id')`)
      .where(sql`${t.source} like 'shopify:%'`),
  ],
);

/**
 * `declined`: finished without success because a payment was declined and the flow has nothing
 * wired to the node's `declined` port (see the engine's `DECLINED_PORT`); no dead letter.
 */
export type RunStatus =
  'queued' | 'running' | 'waiting' | 'succeeded' | 'declined' | 'failed' | 'cancelled';

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id),
    flowVersionId: uuid('flow_version_id')
      .notNull()
      .references(() => flowVersions.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    /** The run this one replays or retries, when an operator started it from another. */
    parentRunId: uuid('parent_run_id'),
    /**
     * Node after which the run ends (succeeded), for "run to here" from the editor. Kept on the
     * run so that an execution resumed after a crash or retry stops at the same place.
     */
    stopAfter: text('stop_after'),
    /**
     * Null for a real run. A test run (the editor's "Execute previous nodes"): `simulator` sends
     * its live PayTrace connections to the built-in simulator and records its effects apart from
     * real ones; `live` had live calls confirmed by an operator, so its effects are real.
     */
    testMode: text('test_mode').$type<'simulator' | 'live'>(),
    workerId: text('worker_id'),
    response: jsonbValue<RunResponse>('response'),
    error: jsonbValue<StepError>('error'),
    failedNodeId: text('failed_node_id'),
    resumeAt: timestamp('resume_at', { withTimezone: true }),
    executions: integer('executions').notNull().default(0),
    /**
     * Executions that started and have not ended normally since the run last moved on: counted
     * before any step runs, reset when an execution ends. A run whose executions keep crashing
     * their process reaches the limit and is quarantined as failed (`POISONED`).
     */
    unfinishedExecutions: integer('unfinished_executions').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when the retention job dropped the run's data (steps' input, output and state, the
     * response, and the event's payload once no other run needs it); status and timings stay.
     */
    dataPrunedAt: timestamp('data_pruned_at', { withTimezone: true }),
    /**
     * W3C `traceparent` of the run's trace, set only while tracing is on
     * (`OTEL_EXPORTER_OTLP_ENDPOINT`): ingress and each execution add their spans to it.
     */
    traceParent: text('trace_parent'),
  },
  (t) => [
    index('runs_flow_created_idx').on(t.flowId, t.createdAt.desc()),
    index('runs_status_created_idx').on(t.status, t.createdAt.desc()),
    index('runs_created_idx').on(t.createdAt.desc()),
    index('runs_event_idx').on(t.eventId),
    /** Live updates of the runs list: runs changed since a point in time. */
    index('runs_updated_idx').on(t.updatedAt, t.id),
    index('runs_parent_idx')
      .on(t.parentRunId)
      .where(sql`${t.parentRunId} is not null`),
    /** Failures the alert evaluator and the error flows look for, newest first. */
    index('runs_failed_finished_idx')
      .on(t.finishedAt)
      .where(sql`${t.status} = 'failed'`),
    /** What the retention job looks for: finished well, data still there, oldest first. */
    index('runs_prunable_idx')
      .on(t.finishedAt)
      .where(sql`${t.dataPrunedAt} is null and ${t.status} in ('succeeded', 'cancelled')`),
  ],
);

/** One immutable row per attempt of a node in a run: the checkpoints the engine resumes from. */
export const runSteps = pgTable(
  'run_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    attempt: smallint('attempt').notNull(),
    status: text('status').notNull(),
    port: text('port'),
    input: jsonbValue('input'),
    output: jsonbValue('output'),
    error: jsonbValue<StepError>('error'),
    state: jsonbValue('state'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    resumeAt: timestamp('resume_at', { withTimezone: true }),
    /** The input is the output of the step with this seq (then `input` is null). */
    inputFrom: integer('input_from'),
    /**
     * 'event': the output is the event payload (`output` null); 'input': `output` holds the
     * difference from the input; null: `output` is the output. Read through decodeStepValues.
     */
    outputBase: text('output_base').$type<'event' | 'input'>(),
  },
  (t) => [
    uniqueIndex('run_steps_run_seq_uq').on(t.runId, t.seq),
    check('run_steps_output_base_ck', sql`${t.outputBase} in ('event', 'input')`),
  ],
);

/** Runs that cannot succeed without a person: what failed and why, until someone resolves it. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').notNull(),
    nodeId: text('node_id').notNull(),
    error: jsonbValue<StepError>('error').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('dead_letters_open_run_uq')
      .on(t.runId)
      .where(sql`${t.resolvedAt} is null`),
    /** The dead-letter groups: by flow and error code. */
    index('dead_letters_group_idx').on(t.flowId, sql`(${t.error} ->> 'code')`, t.createdAt),
  ],
);
