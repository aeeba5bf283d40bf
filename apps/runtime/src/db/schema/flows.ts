import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { FlowGraph } from '@paybridge/engine';

/** A flow is a name plus a pointer to its active version; the graph lives in versions. */
export const flows = pgTable('flows', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  latestVersion: integer('latest_version').notNull().default(0),
  activeVersionId: uuid('active_version_id'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  /** Flow run with a summary when one of this flow's runs fails for good (see alerts). */
  errorFlowId: uuid('error_flow_id'),
  /** When the error flow was set: only failures after it start the error flow. */
  errorFlowSetAt: timestamp('error_flow_set_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Immutable saved graphs. The trigger's kind and REST path are copied out of the graph at save
 * time so ingress can find the flow for a request with an indexed lookup.
 */
export const flowVersions = pgTable(
  'flow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<FlowGraph>().notNull(),
    message: text('message').notNull().default(''),
    triggerType: text('trigger_type').notNull(),
    triggerPath: text('trigger_path'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('flow_versions_flow_version_uq').on(t.flowId, t.version),
    index('flow_versions_trigger_path_idx').on(t.triggerPath),
  ],
);

/** Which flows are live: one row per active flow, so a REST path can belong to one flow only. */
export const activeTriggers = pgTable(
  'active_triggers',
  {
    flowId: uuid('flow_id')
      .primaryKey()
      .references(() => flows.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => flowVersions.id),
    triggerType: text('trigger_type').notNull(),
    triggerPath: text('trigger_path'),
    /** Schedules remember the last fire time they turned into a run. */
    lastFiredAt: timestamp('last_fired_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }).notNull().defaultNow(),
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [
    uniqueIndex('active_triggers_path_uq')
      .on(t.triggerPath)
      .where(sql`${t.triggerPath} is not null`),
  ],
);
