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
import { connections } from './connections';
import { flows } from './flows';

/**
 * Where alerts go: `email` (an smtp connection and recipients) or `webhook` (an `alert.webhook`
 * connection holding the sealed URL). The built-in channel stands for `PAYBRIDGE_ALERT_WEBHOOK_URL`
 * and has no connection: its URL is read from the environment when it posts.
 */
export const alertChannels = pgTable('alert_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<'email' | 'webhook'>().notNull(),
  connectionId: uuid('connection_id').references(() => connections.id),
  recipients: text('recipients')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  builtin: boolean('builtin').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A condition worth telling someone about, and its state between evaluation rounds: whether it
 * is firing, how far events were counted (`checked_until`), and the counts folded into the next
 * notice during the quiet period.
 */
export const alertRules = pgTable('alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  flowId: uuid('flow_id').references(() => flows.id, { onDelete: 'cascade' }),
  params: jsonb('params').$type<Record<string, number>>().notNull().default({}),
  quietSeconds: integer('quiet_seconds').notNull().default(900),
  channelIds: uuid('channel_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  enabled: boolean('enabled').notNull().default(true),
  builtin: boolean('builtin').notNull().default(false),
  firing: boolean('firing').notNull().default(false),
  checkedUntil: timestamp('checked_until', { withTimezone: true }),
  lastEventAt: timestamp('last_event_at', { withTimezone: true }),
  lastNoticeAt: timestamp('last_notice_at', { withTimezone: true }),
  pendingCount: integer('pending_count').notNull().default(0),
  totalCount: integer('total_count').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The alert history: every notice a rule produced (fired, still firing, resolved). */
export const alertNotices = pgTable(
  'alert_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'fired' | 'ongoing' | 'resolved'>().notNull(),
    count: integer('count').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_notices_created_idx').on(t.createdAt.desc())],
);

/** One notice to one channel, sent once: claimed with a lease, marked when the channel took it. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => alertNotices.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => alertChannels.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    nextAt: timestamp('next_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_notice_channel_uq').on(t.noticeId, t.channelId),
    index('alert_deliveries_unsent_idx')
      .on(t.nextAt)
      .where(sql`${t.sentAt} is null`),
  ],
);
