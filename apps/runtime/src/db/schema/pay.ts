import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SealedValue } from './connections';
import { runs } from './runs';

/**
 * Hosted pay page links: one per pay-link step of a run, with what the page shows and what the
 * wait charges. The signed token in the URL names the row; the amount is fixed here.
 */
export const payLinks = pgTable(
  'pay_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    connectionId: uuid('connection_id').notNull(),
    orderRef: text('order_ref').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    shopName: text('shop_name').notNull(),
    /** Order summary lines `{title, quantity, amountMinor}`. */
    lines: jsonb('lines').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the wait ended without a payment; the page refuses the link from then on. */
    expiredAt: timestamp('expired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('pay_links_run_node_uq').on(t.runId, t.nodeId)],
);

/**
 * What shoppers submitted on a pay page: at most one pending or approved per link (two tabs
 * submitting at once get one row). The one-time Protect.js tokens are sealed with the runtime's
 * key and dropped when the submission is settled; card data never arrives here.
 */
export const paySubmissions = pgTable(
  'pay_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    linkId: uuid('link_id')
      .notNull()
      .references(() => payLinks.id, { onDelete: 'cascade' }),
    /** `pending`, `approved` or `declined`. */
    status: text('status')
      .$type<'pending' | 'approved' | 'declined'>()
      .notNull()
      .default('pending'),
    tokens: jsonb('tokens').$type<SealedValue>(),
    reason: text('reason'),
    transactionId: text('transaction_id'),
    cardLastFour: text('card_last_four'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('pay_submissions_open_uq')
      .on(t.linkId)
      .where(sql`${t.status} in ('pending', 'approved')`),
    index('pay_submissions_link_idx').on(t.linkId, t.createdAt),
  ],
);
