import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { connections } from './connections';

/**
 * Missed-event reconciliation per Shopify connection: how far the poller has read (the
 * watermark, an order `updated_at`), who polls now (a lease, so several worker processes poll a
 * store once), and the last outcome, which the API shows as lag and health.
 */
export const shopifySyncState = pgTable('shopify_sync_state', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastError: text('last_error'),
  /** Events the last successful poll fed in that no webhook had delivered. */
  lastRecovered: integer('last_recovered').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
