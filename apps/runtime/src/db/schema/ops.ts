import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Client-supplied idempotency keys (the `Idempotency-Key` header): the first request's body hash
 * and the event it created, so a repeat gets the original answer and a different body a 422.
 */
export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    eventId: uuid('event_id').notNull(),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_created_idx').on(t.createdAt),
  ],
);

/**
 * Liveness of runtime processes. graphile-worker keeps a dead worker's jobs locked for hours;
 * the reaper uses these rows to release them within seconds.
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  processId: text('process_id').primaryKey(),
  hostname: text('hostname').notNull(),
  pid: text('pid').notNull(),
  queueWorkerIds: text('queue_worker_ids').array().notNull().default([]),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});
