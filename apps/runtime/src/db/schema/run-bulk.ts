import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a bulk operation does to each of its runs. */
export type BulkAction = 'retry' | 'replay' | 'cancel';

/**
 * A bulk retry, replay or cancel asked for by an operator: the runs it covers are fixed when it is
 * created (one `run_bulk_items` row each) and a background job works through them, so a restart
 * resumes where it stopped and the progress can be read at any time.
 */
export const runBulkOperations = pgTable('run_bulk_operations', {
  id: uuid('id').primaryKey().defaultRandom(),
  action: text('action').$type<BulkAction>().notNull(),
  /** For retries: `same` or `latest` version. */
  version: text('version'),
  total: integer('total').notNull(),
  /** Who asked for it (user or token label), for the record. */
  actor: text('actor'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** One run of a bulk operation: pending until the job handled it, then accepted or rejected. */
export const runBulkItems = pgTable(
  'run_bulk_items',
  {
    operationId: uuid('operation_id')
      .notNull()
      .references(() => runBulkOperations.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').notNull(),
    seq: integer('seq').notNull(),
    state: text('state').$type<'pending' | 'accepted' | 'rejected'>().notNull().default('pending'),
    /** Why a run was rejected (e.g. it is not failed), in words for the operator. */
    reason: text('reason'),
    /** The run that carries the outcome: the retried run itself, or the replay's new run. */
    resultRunId: uuid('result_run_id'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'run_bulk_items_pk', columns: [t.operationId, t.runId] }),
    index('run_bulk_items_pending_idx')
      .on(t.operationId, t.seq)
      .where(sql`${t.state} = 'pending'`),
  ],
);
