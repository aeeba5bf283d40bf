import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Exactly-once records of external effects (a charge, a refund): claimed before a node calls a
 * service, settled with its answer. Keyed by the effect's business reference (`biz:…`: connection
 * + Shopify order id + operation, a refund id, a document reference), so another event, flow or
 * copy of a flow asking for the same business fact finds what was already done; effects without
 * one fall back to `flow:…/event:…/node:…/item:…`. Flow and event say who claimed it first and
 * deliberately hold no foreign key: deleting a flow must not forget that an order was charged.
 * See `packages/engine/src/effect-ledger.ts`.
 */
export const effectRecords = pgTable(
  'effect_records',
  {
    businessKey: text('business_key').notNull(),
    flowId: uuid('flow_id').notNull(),
    eventId: uuid('event_id').notNull(),
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
    /** What the effect acted on (a refund's sale), its operation and amount asked for. */
    targetId: text('target_id'),
    operation: text('operation'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    settledByRun: uuid('settled_by_run'),
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'effect_records_business_key_pk', columns: [t.businessKey] }),
    index('effect_records_target_idx').on(t.targetId),
    index('effect_records_flow_event_idx').on(t.flowId, t.eventId),
    index('effect_records_pending_idx').on(t.status, t.attemptStartedAt),
    index('effect_records_remote_idx').on(t.remoteId),
    /** Search by business reference: the remote reference, the order or custom reference in the key. */
    index('effect_records_reference_idx').on(t.reference),
    index('effect_records_order_ref_idx').on(
      sql`(substring(${t.businessKey} from ':order:([^:#]+)'))`,
    ),
    index('effect_records_custom_ref_idx').on(
      sql`(substring(${t.businessKey} from ':ref:([^#]+)'))`,
    ),
    index('effect_records_run_idx').on(t.runId),
  ],
);
