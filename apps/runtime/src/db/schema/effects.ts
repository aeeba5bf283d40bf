import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { flows } from './flows';
import { events } from './runs';

/**
 * Exactly-once records of external effects (a charge, a refund): claimed before a node calls a
 * service, settled with its answer. Keyed by flow, event, node and item rather than by run, so a
 * retry, a worker taking over after a crash and an operator's replay of the event all find what
 * was already done. See `packages/engine/src/effect-ledger.ts`.
 */
export const effectRecords = pgTable(
  'effect_records',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    item: text('item').notNull(),
    /** Stable remote reference base (e.g. PayTrace invoice id), derived from the key. */
    reference: text('reference').notNull(),
    attempt: integer('attempt').notNull().default(1),
    fingerprint: text('fingerprint').notNull(),
    /** pending (outcome unknown until settled), settled, released (no effect; next claim retries). */
    status: text('status').$type<'pending' | 'settled' | 'released'>().notNull(),
    outcome: jsonb('outcome'),
    remoteId: text('remote_id'),
    /** The run that claimed the current attempt, and the one that settled it. */
    runId: uuid('run_id').notNull(),
    settledByRun: uuid('settled_by_run'),
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.eventId, t.nodeId, t.item] }),
    index('effect_records_pending_idx').on(t.status, t.attemptStartedAt),
    index('effect_records_remote_idx').on(t.remoteId),
  ],
);
